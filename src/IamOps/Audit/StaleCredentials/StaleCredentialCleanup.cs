using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Audit.StaleCredentials;

/// <summary>
/// Disable-IamStaleCredential's capability: reads the credential report (generating it when needed), plans every user
/// in scope from live state, then applies the changes under the caller's ShouldProcess (each change asked on its own,
/// so -WhatIf lists them all and makes no mutating call), users in parallel under the adaptive limit.
/// </summary>
public sealed class StaleCredentialCleanup
{
    private readonly StaleCredentialRequest _request;
    private readonly List<string> _userNames = new();

    /// <summary>Checks the thresholds and -Exclude offline; throws before anything is read.</summary>
    public StaleCredentialCleanup(StaleCredentialRequest request)
    {
        StaleCredentialRequest.Validate(request);
        _request = request;
    }

    /// <summary>The users asked for (-UserName or the pipeline), in order, each once.</summary>
    public IReadOnlyList<string> UserNames => _userNames;

    /// <summary>
    /// Takes one user name from -UserName or the pipeline: its error when it is not a valid name; a note (and nothing
    /// added) for the root user's report row or a repeat; else nothing.
    /// </summary>
    public (IamOpsException? Rejection, string? Note) Add(string userName)
    {
        var name = (userName ?? string.Empty).Trim();
        if (name == CredentialReportEntry.RootUserName)
        {
            return (null, "The root user's credentials are not IAM user credentials: they are left alone (sign in as root to remove its keys).");
        }

        try
        {
            if (name.Length == 0)
            {
                throw new IamOpsException("UserNameMissing", FailureKind.InvalidArgument,
                    "No user name was given: pass -UserName, or pipe objects with a UserName property (Get-IamCredentialReport rows, IamOps results, Get-IAMUser output).", name);
            }

            IamNames.CheckUserName(name);
        }
        catch (IamOpsException invalid)
        {
            return (invalid, null);
        }

        if (_userNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return (null, $"'{name}' appears more than once in the input; it is checked once.");
        }

        _userNames.Add(name);
        return (null, null);
    }

    /// <summary>Checks the credential file can be written, before anything is read.</summary>
    public static void CheckCredentialFile(string? path)
    {
        if (path is not null)
        {
            CredentialCsv.CheckWritable(path, append: true, overwrite: false);
        }
    }

    /// <summary>Runs the clean-up over <see cref="UserNames"/>, or over every user when <paramref name="allUsers"/>.</summary>
    /// <param name="utcNow">The account's time: ages are counted to it.</param>
    /// <param name="progress">The credential report's waiting steps, and the planning of users.</param>
    public async Task<StaleCredentialRun> RunAsync(IAwsConnection aws, bool allUsers, Func<DateTime> utcNow, ApplyCallbacks callbacks, int throttleLimit,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var account = await AccountContext.LoadAsync(aws, cancellationToken).ConfigureAwait(false);
        var reader = new CredentialReportReader(aws.Iam, new CredentialReportRequest(), utcNow);
        var report = await reader.ReadAsync(progress, cancellationToken).ConfigureAwait(false);
        var warnings = report.Warning is null ? new List<string>() : new List<string> { report.Warning };
        var notes = new List<string>();
        var caller = await aws.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        var planner = new StaleCredentialPlanner(aws.Iam, _request, utcNow) { CallerUserName = StaleCredentialPlanner.UserNameOf(caller.Arn) };
        var rows = report.Entries!.Where(e => !e.IsRoot).ToDictionary(e => e.UserName, StringComparer.OrdinalIgnoreCase);

        // Who to look at: every user the report shows something stale for, or the users asked for (named: a missing one is an error).
        var scope = allUsers
            ? rows.Values.Where(planner.MayBeStale).Select(e => (Name: e.UserName, Entry: (CredentialReportEntry?)e)).ToList()
            : _userNames.Select(n => (Name: n, Entry: rows.TryGetValue(n, out var e) ? e : null))
                .Where(u => u.Entry is null || planner.MayBeStale(u.Entry)).ToList();
        var checkedCount = allUsers ? rows.Count : _userNames.Count;
        foreach (var (name, _) in scope.Where(u => planner.ExcludedByName(u.Name) is not null).ToList())
        {
            notes.Add($"{name}: left alone ({planner.ExcludedByName(name)}).");
        }

        scope = scope.Where(u => planner.ExcludedByName(u.Name) is null).ToList();
        var applier = new PlanApplier(callbacks, throttleLimit);
        progress?.Report($"Reading the credentials of {scope.Count} user(s)");
        var planned = await Task.WhenAll(scope.Select(async user =>
        {
            try
            {
                var plan = await applier.LimitAsync(() => planner.PlanAsync(user.Name, user.Entry, named: !allUsers, cancellationToken), cancellationToken).ConfigureAwait(false);
                return (Plan: plan, Failure: (IamOpsException?)null);
            }
            catch (IamOpsException failure)
            {
                return (Plan: (StaleCredentialPlan?)null, Failure: failure);
            }
        })).ConfigureAwait(false);

        var errors = planned.Where(p => p.Failure is not null).Select(p => p.Failure!).ToList();
        var plans = planned.Where(p => p.Plan is not null).Select(p => p.Plan!).ToList();
        notes.AddRange(plans.SelectMany(p => p.Notes));
        warnings.AddRange(plans.SelectMany(p => p.Warnings));
        var withChanges = plans.Where(p => p.Findings.Count > 0).ToList();
        var applied = await applier.ApplyBatchAsync(withChanges.Select(p => p.Changes).ToList(), askOnce: null, cancellationToken).ConfigureAwait(false);

        var results = new List<StaleCredentialResult>();
        var credentials = new List<CredentialRow>();
        for (var i = 0; i < withChanges.Count; i++)
        {
            var plan = withChanges[i];
            if (PlanFailure.Explain(applied[i], "user " + plan.UserName, plan.UserName) is { } failed)
            {
                errors.Add(failed);
            }

            foreach (var (finding, outcome) in plan.Findings.Zip(applied[i], (f, a) => (f, a)))
            {
                results.Add(StaleCredentialReport.ToResult(finding, outcome));
                if (finding.NewAccessKey is { } key)
                {
                    credentials.Add(new CredentialRow(plan.UserName, null, key.AccessKeyId, key.SecretAccessKey, account.ConsoleSignInUrl));
                }
            }
        }

        return new StaleCredentialRun(results, errors, notes, warnings, credentials, checkedCount, report.GeneratedTime ?? utcNow());
    }
}

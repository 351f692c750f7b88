using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Developers;

/// <summary>
/// Add-IamDeveloper's capability. Rows come in one at a time and are checked offline as they come (a bad row or a
/// duplicate fails alone, named by its position); then the batch is onboarded: groups planned and applied once, every
/// user planned, then applied under the caller's ShouldProcess with bounded concurrency, secrets to the credential file.
/// </summary>
public sealed class Onboarding
{
    /// <summary>The group a developer joins when the row names none.</summary>
    public const string DefaultGroup = "Developers";

    private readonly List<DeveloperRequest> _requests = new();
    private readonly List<InputRow> _rows = new();
    private bool _fromPipeline;

    /// <summary>The developers that passed the offline checks.</summary>
    public IReadOnlyList<DeveloperRequest> Requests => _requests;

    /// <summary>The error for a call that received no row at all; null once one came, valid or not.</summary>
    public IamOpsException? NothingGiven => _rows.Count > 0 ? null
        : new IamOpsException("NoDevelopers", FailureKind.InvalidArgument, "No developers were given: pipe objects with a UserName (e.g. Import-Csv team.csv) or pass -UserName.");

    /// <summary>Takes one row; returns its error when it is rejected (it still gets a Failed result, in input order, at the end).</summary>
    /// <param name="fromPipeline">Rows come from pipeline input: errors name the row's position (for Import-Csv, the CSV's data row).</param>
    public IamOpsException? Add(DeveloperRow row, bool fromPipeline)
    {
        _fromPipeline = fromPipeline;
        var number = _rows.Count + 1;
        var userName = (row.UserName ?? string.Empty).Trim();
        try
        {
            var request = ToRequest(row, userName);
            DeveloperPlanner.Validate(request);
            if (_requests.Any(r => string.Equals(r.UserName, request.UserName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new IamOpsException("UserNameDuplicate", FailureKind.InvalidArgument,
                    $"'{request.UserName}' appears more than once in this batch (IAM names are case-insensitive); only its first row is used.", request.UserName);
            }

            _requests.Add(request);
            _rows.Add(new InputRow(number, request, null));
            return null;
        }
        catch (IamOpsException invalid)
        {
            var named = Named(invalid, number, userName);
            _rows.Add(new InputRow(number, new DeveloperRequest { UserName = userName }, named));
            return named;
        }
    }

    /// <summary>Checks the batch's own rules before anything is read: writable files, -MfaCode for one developer only.</summary>
    public void Check(OnboardingOptions options)
    {
        if (options.CredentialFile is not null)
        {
            CredentialCsv.CheckWritable(options.CredentialFile, append: true, overwrite: false);
        }

        if (options.MfaCodesGiven && _requests.Count > 1)
        {
            throw new IamOpsException("MfaCodeInvalid", FailureKind.InvalidArgument, "-MfaCode enables the virtual MFA device of one developer: run it for a single -UserName.");
        }

        if (options.MfaQrCodeFolder is not null)
        {
            MfaQrCodeFiles.CheckWritable(options.MfaQrCodeFolder, _requests.Where(r => r.EnableVirtualMfa).Select(r => r.UserName).ToList(), _requests.Any(r => r.EnableVirtualMfa), overwrite: false);
        }
    }

    /// <summary>The results when no row passed the checks: every row Failed, nothing read or written.</summary>
    public OnboardingRun Rejected() => Report(null, Array.Empty<(DeveloperOutcome, IReadOnlyList<PlannedChange>)>(), new OnboardingOptions());

    /// <summary>Onboards the rows that passed the checks (call <see cref="Check"/> first).</summary>
    public async Task<OnboardingRun> OnboardAsync(IAwsConnection connection, OnboardingOptions options, ApplyCallbacks callbacks, CancellationToken cancellationToken)
    {
        var batch = new OnboardingBatch(connection, options.ThrottleLimit, callbacks);
        var account = await AccountContext.LoadAsync(connection, cancellationToken).ConfigureAwait(false);
        var passwordPolicy = await batch.ReadPasswordPolicyAsync(cancellationToken).ConfigureAwait(false);
        var groups = await batch.PlanGroupsAsync(_requests, passwordPolicy, account.Partition, cancellationToken).ConfigureAwait(false);
        // A failed group change fails the rows that want the group (their results and errors say so).
        var groupChanges = await batch.ApplyGroupsAsync(groups, cancellationToken).ConfigureAwait(false);
        var planned = await batch.PlanUsersAsync(_requests, groups, passwordPolicy, cancellationToken, groupChanges, account).ConfigureAwait(false);
        var applied = await batch.ApplyAsync(planned, cancellationToken).ConfigureAwait(false);
        return Report(account, applied, options);
    }

    /// <summary>One row per input in input order, rejected rows included; new MFA devices' QR codes saved.</summary>
    private OnboardingRun Report(AccountContext? account, IReadOnlyList<(DeveloperOutcome Outcome, IReadOnlyList<PlannedChange> Approved)> applied, OnboardingOptions options)
    {
        var rows = new List<OnboardedRow>();
        var credentials = new List<CredentialRow>();
        var next = 0;
        foreach (var input in _rows)
        {
            if (input.Rejection is not null)
            {
                rows.Add(new OnboardedRow(DeveloperReport.ToResult(account, DeveloperOutcome.Rejected(input.Request, input.Rejection), Array.Empty<PlannedChange>()), Array.Empty<IamOpsException>()));
                continue;
            }

            var (outcome, approved) = applied[next++];
            var errors = new List<IamOpsException>();
            if (outcome.Failure is not null)
            {
                errors.Add(Named(outcome.Failure, input.Row, outcome.Request.UserName));
            }

            if (options.MfaQrCodeFolder is not null && outcome.Plan?.MfaDevice is { QrCodePng.Length: > 0 } device)
            {
                try
                {
                    MfaQrCodeFiles.Write(MfaQrCodeFiles.PathFor(options.MfaQrCodeFolder, outcome.Request.UserName), device.QrCodePng, overwrite: false);
                }
                catch (IamOpsException notWritten)
                {
                    errors.Add(notWritten);
                }
            }

            if (account is not null && DeveloperReport.CredentialRow(account, outcome) is { } row)
            {
                credentials.Add(row);
            }

            rows.Add(new OnboardedRow(DeveloperReport.ToResult(account, outcome, approved), errors));
        }

        return new OnboardingRun(rows, credentials, options);
    }

    /// <summary>The error of one row, naming it: by its position in the pipeline input when there is one, else by user name.</summary>
    private IamOpsException Named(IamOpsException failure, int row, string userName)
    {
        var name = userName.Length == 0 ? "(no user name)" : $"'{userName}'";
        var prefix = _fromPipeline ? $"Row {row} ({name}): " : userName.Length == 0 ? string.Empty : name + ": ";
        return new IamOpsException(failure.ErrorId, failure.Kind, prefix + failure.Message, failure.Target ?? userName, failure);
    }

    private static DeveloperRequest ToRequest(DeveloperRow row, string userName) => new()
    {
        UserName = userName,
        GroupNames = SplitList(row.GroupNames) ?? new[] { DefaultGroup },
        Path = string.IsNullOrWhiteSpace(row.Path) ? null : row.Path,
        Tags = DeveloperTags.Parse(row.Tags),
        ConsoleAccess = DeveloperPlanner.WantsConsoleAccess(row.ConsoleAccess, row.NoConsoleAccess, userName),
        ProgrammaticAccess = row.ProgrammaticAccess,
        PermissionsBoundary = string.IsNullOrWhiteSpace(row.PermissionsBoundary) ? null : row.PermissionsBoundary,
        ResetPassword = row.ResetPassword,
        RotateAccessKey = row.RotateAccessKey,
        DeleteOldAccessKey = row.DeleteOldAccessKey,
        CreateMissingGroup = row.CreateMissingGroup,
        GroupPolicyArns = SplitList(row.GroupPolicyArns) ?? Array.Empty<string>(),
        ExactGroups = row.ExactGroups,
        EnableVirtualMfa = row.EnableVirtualMfa,
        MfaCodes = row.MfaCodes ?? Array.Empty<string>(),
        DeactivateAccessKeyIds = SplitList(row.DeactivateAccessKeyIds) ?? Array.Empty<string>(),
        DeleteAccessKeyIds = SplitList(row.DeleteAccessKeyIds) ?? Array.Empty<string>(),
    };

    /// <summary>CSV cells carry lists as 'a;b' or 'a,b'.</summary>
    private static string[]? SplitList(IReadOnlyList<string>? values) =>
        values?.SelectMany(v => (v ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)).Select(v => v.Trim()).Where(v => v.Length > 0).ToArray() is { Length: > 0 } list ? list : null;

    /// <summary>One input as it arrived: its position, and the reason it was rejected before any call, if it was.</summary>
    private sealed record InputRow(int Row, DeveloperRequest Request, IamOpsException? Rejection);
}

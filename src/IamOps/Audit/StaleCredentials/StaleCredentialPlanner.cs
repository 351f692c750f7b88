using System.Globalization;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Audit.StaleCredentials;

/// <summary>
/// Plans one user's clean-up from live state (the credential report only chooses whom to look at):
/// an active key unused for -Days is deactivated; with -Delete an inactive key unused for -Days is deleted; a console
/// password unused for -Days is deleted; a key in use older than -MaxKeyAge is rotated over the grace period. A rotation
/// keeps its state in IAM itself: the newest active key younger than -MaxKeyAge is the replacement, and its creation
/// date is when the rotation started, so a later run knows when the grace period is over without a scheduler or a tag.
/// </summary>
public sealed class StaleCredentialPlanner
{
    private readonly IIam _iam;
    private readonly StaleCredentialRequest _request;
    private readonly StaleCredentialExclusion _exclusion;
    private readonly Func<DateTime> _utcNow;

    /// <param name="utcNow">The account's time (the sandbox's, or the system clock for AWS): what ages are counted to.</param>
    public StaleCredentialPlanner(IIam iam, StaleCredentialRequest request, Func<DateTime> utcNow)
    {
        StaleCredentialRequest.Validate(request);
        _iam = iam;
        _request = request;
        _exclusion = StaleCredentialExclusion.Parse(request.Exclude);
        _utcNow = utcNow;
    }

    /// <summary>
    /// The IAM user this command runs as, if it runs as one: its active keys are never deactivated (the command may be
    /// signed with them, and IAM reports a key's last use hours late); a warning says so instead.
    /// </summary>
    public string? CallerUserName { get; init; }

    /// <summary>The user name in a caller ARN (arn:aws:iam::123456789012:user/path/name), or null for roles, root and others.</summary>
    public static string? UserNameOf(string callerArn)
    {
        var marker = callerArn.IndexOf(":user/", StringComparison.Ordinal);
        return marker < 0 ? null : callerArn.Substring(callerArn.LastIndexOf('/') + 1);
    }

    /// <summary>Why -Exclude names this user, or null: checked before anything about the user is read.</summary>
    public string? ExcludedByName(string userName) => _exclusion.ByName(userName);

    /// <summary>
    /// Whether the report row shows anything the rules could catch. The report can be hours old, and what it shows only
    /// gets staler: a row with nothing is skipped, a row with something is read live and decided on what IAM says now.
    /// </summary>
    public bool MayBeStale(CredentialReportEntry entry)
    {
        if (entry.IsRoot)
        {
            return false;
        }

        if (entry.PasswordEnabled == true && DaysSince(entry.PasswordLastUsed ?? entry.PasswordLastChanged ?? entry.UserCreationTime) >= _request.Days)
        {
            return true;
        }

        return entry.AccessKeys.Any(k => k.Active
            ? DaysSince(k.LastUsedDate ?? k.LastRotated) >= _request.Days || DaysSince(k.LastRotated) >= _request.MaxKeyAge
            : _request.Delete && DaysSince(k.LastUsedDate ?? k.LastRotated) >= _request.Days);
    }

    /// <summary>
    /// Plans one user. <paramref name="entry"/> is its report row (null when the report does not have it yet: everything
    /// is read). Null when the user does not exist; <paramref name="named"/> makes that an error (UserNotFound).
    /// </summary>
    public async Task<StaleCredentialPlan?> PlanAsync(string userName, CredentialReportEntry? entry, bool named, CancellationToken cancellationToken)
    {
        var user = await IamLookup.FindAsync(() => _iam.GetUserAsync(userName, cancellationToken)).ConfigureAwait(false);
        if (user is null)
        {
            return named
                ? throw new IamOpsException("UserNotFound", FailureKind.ObjectNotFound,
                    $"There is no IAM user '{userName}' in this account, so nothing of it was changed. Check the name: Get-IamCredentialReport lists every user.", userName)
                : null;
        }

        var name = user.UserName;
        if ((_exclusion.ByName(name) ?? (_exclusion.HasTagFilters ? _exclusion.ByTags(user.Tags) : null)) is { } excluded)
        {
            return new StaleCredentialPlan(name, Array.Empty<StaleCredentialFinding>(), new[] { $"{name}: left alone ({excluded})." }, Array.Empty<string>(), excluded);
        }

        var keys = entry is null || entry.AccessKeys.Count > 0
            ? await IamLookup.ToListAsync(_iam.ListAccessKeysAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false)
            : new List<AccessKeyMetadata>();
        var lastUsed = new Dictionary<string, DateTime?>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            lastUsed[key.AccessKeyId] = (await _iam.GetAccessKeyLastUsedAsync(key.AccessKeyId, cancellationToken).ConfigureAwait(false)).LastUsedDate;
        }

        var login = entry is null || entry.PasswordEnabled == true
            ? await IamLookup.FindAsync(() => _iam.GetLoginProfileAsync(name, cancellationToken)).ConfigureAwait(false)
            : null;
        return Plan(user, keys.OrderBy(k => k.CreateDate).ToList(), lastUsed, login);
    }

    private StaleCredentialPlan Plan(IamUser user, IReadOnlyList<AccessKeyMetadata> keys, IReadOnlyDictionary<string, DateTime?> lastUsed, LoginProfile? login)
    {
        var name = user.UserName;
        var target = "user " + name;
        var findings = new List<StaleCredentialFinding>();
        var notes = new List<string>();
        var warnings = new List<string>();
        var (days, maxAge, grace) = (_request.Days, _request.MaxKeyAge, _request.GracePeriod);

        StaleCredentialFinding KeyFinding(AccessKeyMetadata key, StaleCredentialAction action, PlannedChange change) =>
            new(name, StaleCredentialType.AccessKey, key.AccessKeyId, action, change)
            {
                CreateDate = key.CreateDate,
                LastUsedDate = lastUsed[key.AccessKeyId],
                AgeDays = DaysSince(key.CreateDate),
                UnusedDays = UnusedDays(key),
            };
        int UnusedDays(AccessKeyMetadata key) => DaysSince(lastUsed[key.AccessKeyId] ?? key.CreateDate);
        string Unused(AccessKeyMetadata key) => lastUsed[key.AccessKeyId] is { } used
            ? $"last used {UnusedDays(key)} days ago, on {Date(used)} (-Days {days})"
            : $"never used, created {DaysSince(key.CreateDate)} days ago (-Days {days})";

        var deactivated = new HashSet<string>(StringComparer.Ordinal);
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => UnusedDays(k) >= days))
        {
            if (key.Status == AccessKeyStatus.Active && IsCaller(name))
            {
                warnings.Add(CallerKeyKept(name, key, Unused(key)));
                deactivated.Add(key.AccessKeyId);
            }
            else if (key.Status == AccessKeyStatus.Active)
            {
                findings.Add(KeyFinding(key, StaleCredentialAction.Deactivate,
                    UnlessGone(AccessKeyRotation.Deactivate(_iam, name, target, key.AccessKeyId, Unused(key)))));
                deactivated.Add(key.AccessKeyId);
            }
            else if (_request.Delete)
            {
                findings.Add(KeyFinding(key, StaleCredentialAction.Delete,
                    UnlessGone(AccessKeyRotation.Delete(_iam, name, target, key.AccessKeyId, "inactive and " + Unused(key)))));
                deleted.Add(key.AccessKeyId);
            }
        }

        bool InUse(AccessKeyMetadata k) => k.Status == AccessKeyStatus.Active && !deactivated.Contains(k.AccessKeyId);
        foreach (var old in keys.Where(k => InUse(k) && DaysSince(k.CreateDate) >= maxAge))
        {
            var age = DaysSince(old.CreateDate);
            var replacement = keys.Where(k => k != old && InUse(k) && k.CreateDate > old.CreateDate && DaysSince(k.CreateDate) < maxAge)
                .OrderByDescending(k => k.CreateDate).FirstOrDefault();
            if (replacement is not null)
            {
                var since = DaysSince(replacement.CreateDate);
                if (since < grace)
                {
                    notes.Add($"{name}: access key {old.AccessKeyId} ({age} days old) is being rotated: its replacement {replacement.AccessKeyId} is {since} days old; a run from {Date(replacement.CreateDate.AddDays(grace))} on (-GracePeriod {grace}) deactivates it.");
                    continue;
                }

                if (IsCaller(name))
                {
                    warnings.Add(CallerKeyKept(name, old, $"{age} days old and replaced by {replacement.AccessKeyId} {since} days ago"));
                    continue;
                }

                var unusedNew = lastUsed[replacement.AccessKeyId] is null ? $"; the new key {replacement.AccessKeyId} has not been used yet" : string.Empty;
                findings.Add(KeyFinding(old, StaleCredentialAction.FinishRotation, UnlessGone(AccessKeyRotation.Deactivate(_iam, name, target, old.AccessKeyId,
                    $"{age} days old (-MaxKeyAge {maxAge}) and replaced by {replacement.AccessKeyId} {since} days ago; the -GracePeriod of {grace} days is over{unusedNew}"))));
                continue;
            }

            var remaining = keys.Where(k => !deleted.Contains(k.AccessKeyId)).ToList();
            if (remaining.Count >= AccessKeyRotation.MaxKeysPerUser)
            {
                var other = remaining.First(k => k != old);
                warnings.Add($"Access key {old.AccessKeyId} of user {name} is {age} days old (-MaxKeyAge {maxAge}) and in use, but it cannot be rotated: the user already has two keys, IAM's limit. " +
                    (other.Status == AccessKeyStatus.Active && !deactivated.Contains(other.AccessKeyId)
                        ? $"Retire one of them by hand (e.g. Add-IamDeveloper -UserName {name} -RotateAccessKey)."
                        : $"Its other key {other.AccessKeyId} is inactive: run with -Delete once it has been unused for {days} days, or delete it."));
                continue;
            }

            StaleCredentialFinding? start = null;
            var changes = AccessKeyRotation.Start(_iam, name, target, remaining,
                grace == 0
                    ? $"access key {old.AccessKeyId} is {age} days old (-MaxKeyAge {maxAge}); the new key replaces it now (-GracePeriod 0)"
                    : $"access key {old.AccessKeyId} is {age} days old (-MaxKeyAge {maxAge}); a run after the {grace}-day -GracePeriod deactivates it",
                key => start!.NewAccessKey = key, _ => string.Empty, out _, old.AccessKeyId);
            start = KeyFinding(old, StaleCredentialAction.StartRotation, changes.Single());
            findings.Add(start);
            if (grace == 0)
            {
                findings.Add(KeyFinding(old, StaleCredentialAction.FinishRotation, UnlessGone(AccessKeyRotation.Deactivate(_iam, name, target, old.AccessKeyId,
                    $"{age} days old (-MaxKeyAge {maxAge}) and replaced by the new key (-GracePeriod 0)"))));
            }
        }

        if (login is not null)
        {
            // A password set again after its last use has not been used since: it counts from when it was set.
            var used = user.PasswordLastUsed is { } last && last > login.CreateDate ? last : (DateTime?)null;
            var unused = DaysSince(used ?? login.CreateDate);
            if (unused >= days)
            {
                var reason = used is { } on
                    ? $"console password last used {unused} days ago, on {Date(on)} (-Days {days})"
                    : $"console password never used, set {unused} days ago (-Days {days})";
                findings.Add(new StaleCredentialFinding(name, StaleCredentialType.Password, "password", StaleCredentialAction.Delete,
                    UnlessGone(new PlannedChange(ChangeKind.Delete, target, "Delete console password of", reason, ct => _iam.DeleteLoginProfileAsync(name, ct), ChangeImpact.High)))
                {
                    CreateDate = login.CreateDate,
                    LastUsedDate = used,
                    AgeDays = DaysSince(login.CreateDate),
                    UnusedDays = unused,
                });
            }
        }

        return new StaleCredentialPlan(name, findings, notes, warnings);
    }

    private bool IsCaller(string userName) => string.Equals(userName, CallerUserName, StringComparison.OrdinalIgnoreCase);

    private static string CallerKeyKept(string userName, AccessKeyMetadata key, string why) =>
        $"Access key {key.AccessKeyId} of user {userName} is {why}, but it is left active: this command runs as {userName} and may be signed with it. Run as another user, or deactivate it yourself (Add-IamDeveloper -UserName {userName} -DeactivateAccessKey {key.AccessKeyId}).";

    private int DaysSince(DateTime? time) => time is { } t ? (int)Math.Floor((_utcNow() - t).TotalDays) : 0;

    private static string Date(DateTime time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What is already gone is done: a re-run, or a retry whose first answer was lost, never fails on it.</summary>
    private static PlannedChange UnlessGone(PlannedChange change) =>
        new(change.Kind, change.Target, change.Description, change.Reason, async ct =>
        {
            try
            {
                await change.Apply(ct).ConfigureAwait(false);
            }
            catch (IamOpsException gone) when (gone.Kind == FailureKind.ObjectNotFound)
            {
            }
        }, change.Impact);
}

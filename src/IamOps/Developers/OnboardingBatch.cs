using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Developers;

/// <summary>
/// Onboards many developers: plans groups once, plans every user (reads, bounded concurrency), then applies the
/// approved changes user by user with adaptive concurrency. It never touches PowerShell; the cmdlet asks for
/// approval (ShouldProcess) between planning and applying, on the pipeline thread.
/// </summary>
public sealed class OnboardingBatch
{
    private const string ChangePasswordPolicy = "IAMUserChangePassword";
    /// <summary>Attempts per change while AWS keeps throttling (after the SDK's own retries).</summary>
    internal const int ThrottleAttempts = PlanApplier.ThrottleAttempts;
    private readonly IAwsConnection _aws;
    private readonly PlanApplier _applier;

    /// <param name="callbacks">ShouldProcess, outcomes and progress; null approves everything and reports nothing.</param>
    public OnboardingBatch(IAwsConnection aws, int throttleLimit, ApplyCallbacks? callbacks = null)
    {
        _aws = aws;
        _applier = new PlanApplier(callbacks ?? ApplyCallbacks.ApproveAll, throttleLimit);
    }

    /// <summary>The wait before attempt n + 1 of a throttled change; tests that sweep faults set it to zero.</summary>
    internal Func<int, TimeSpan> Backoff
    {
        get => _applier.Backoff;
        set => _applier.Backoff = value;
    }

    /// <summary>The account password policy (null when none is set), read once per batch.</summary>
    public async Task<PasswordPolicy?> ReadPasswordPolicyAsync(CancellationToken cancellationToken) =>
        await IamLookup.FindAsync(() => _aws.Iam.GetAccountPasswordPolicyAsync(cancellationToken)).ConfigureAwait(false);

    /// <summary>
    /// Plans the groups the batch needs. Users who must change their password at first sign-in need
    /// iam:ChangePassword: when the account policy does not allow it, IAMUserChangePassword goes on their groups.
    /// </summary>
    public async Task<GroupSetup> PlanGroupsAsync(IReadOnlyList<DeveloperRequest> requests, PasswordPolicy? passwordPolicy, string partition, CancellationToken cancellationToken)
    {
        var changes = new List<PlannedChange>();
        var groupOfChange = new List<string>();
        var missing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var needsChangePassword = passwordPolicy is not { AllowUsersToChangePassword: true };
        var changePasswordArn = $"arn:{partition}:iam::aws:policy/{ChangePasswordPolicy}";
        foreach (var group in requests.SelectMany(r => r.GroupNames).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var wanting = requests.Where(r => r.GroupNames.Contains(group, StringComparer.OrdinalIgnoreCase)).ToList();
            var exists = await IamLookup.FindAsync(() => _aws.Iam.GetGroupAsync(group, cancellationToken)).ConfigureAwait(false) is not null;
            var attached = exists
                ? (await IamLookup.ToListAsync(_aws.Iam.ListAttachedPoliciesAsync(IdentityKind.Group, group, cancellationToken), cancellationToken).ConfigureAwait(false)).Select(p => p.PolicyArn).ToList()
                : new List<string>();
            if (!exists)
            {
                if (!wanting.Any(r => r.CreateMissingGroup))
                {
                    missing.Add(group);
                    continue;
                }

                changes.Add(new PlannedChange(ChangeKind.Create, "group " + group, "Create group", "it does not exist and -CreateMissingGroup was given",
                    ct => IamLookup.CreateOrKeepAsync(() => _aws.Iam.CreateGroupAsync(group, null, ct))));
                groupOfChange.Add(group);
            }

            // -GroupPolicyArn converges on existing groups too: what is missing is attached, nothing is ever detached.
            foreach (var policyArn in wanting.Where(r => r.CreateMissingGroup).SelectMany(r => r.GroupPolicyArns).Distinct(StringComparer.Ordinal).Where(a => !attached.Contains(a)).ToList())
            {
                changes.Add(new PlannedChange(ChangeKind.Attach, "group " + group, $"Attach {policyArn} to", exists ? "-GroupPolicyArn and the group does not have it" : "-GroupPolicyArn for the new group",
                    ct => _aws.Iam.AttachPolicyAsync(IdentityKind.Group, group, policyArn, ct)));
                groupOfChange.Add(group);
                attached.Add(policyArn);
            }

            if (needsChangePassword && wanting.Any(r => r.ConsoleAccess) && !attached.Contains(changePasswordArn))
            {
                groupOfChange.Add(group);
                changes.Add(new PlannedChange(ChangeKind.Attach, "group " + group, $"Attach {ChangePasswordPolicy} to",
                    "new users must change their password at first sign-in and the account password policy does not let users change passwords",
                    ct => _aws.Iam.AttachPolicyAsync(IdentityKind.Group, group, changePasswordArn, ct)));
            }
        }

        return new GroupSetup(changes, groupOfChange, missing);
    }

    /// <summary>
    /// Plans every user; a user that cannot be planned (bad state, missing group, a failed change to one of its groups)
    /// carries its failure. <paramref name="groupChanges"/> are the outcomes of <see cref="GroupSetup.Changes"/>: each
    /// developer reports those of its own groups.
    /// </summary>
    /// <param name="account">The account (for virtual MFA device serials); read when needed and not given.</param>
    public async Task<IReadOnlyList<DeveloperOutcome>> PlanUsersAsync(IReadOnlyList<DeveloperRequest> requests, GroupSetup groups, PasswordPolicy? passwordPolicy, CancellationToken cancellationToken, IReadOnlyList<AppliedChange>? groupChanges = null, Accounts.AccountContext? account = null)
    {
        var planner = new DeveloperPlanner(_aws, passwordPolicy) { Account = account };
        var plans = await Task.WhenAll(requests.Select(async request =>
        {
            var ofGroups = groups.For(request, groupChanges);
            var missing = request.GroupNames.FirstOrDefault(groups.MissingGroups.Contains);
            if (missing is not null)
            {
                return new DeveloperOutcome(request, null, Array.Empty<AppliedChange>(), new IamOpsException("GroupNotFound", FailureKind.ObjectNotFound,
                    $"The group '{missing}' does not exist, so '{request.UserName}' was not onboarded. Create it, or add -CreateMissingGroup (with -GroupPolicyArn for its permissions).", request.UserName), ofGroups);
            }

            if (ofGroups.FirstOrDefault(a => a.Failure is not null) is { } failedGroup)
            {
                // The developer would get a group without the permissions asked for: not onboarded until it converges.
                var failure = failedGroup.Failure!;
                return new DeveloperOutcome(request, null, Array.Empty<AppliedChange>(), new IamOpsException(failure.ErrorId, failure.Kind,
                    $"{failedGroup} The user was not onboarded: fix the cause (e.g. the -GroupPolicyArn) and run the command again.", request.UserName, failure), ofGroups);
            }

            try
            {
                return await _applier.LimitAsync(async () => new DeveloperOutcome(request, await planner.PlanAsync(request, cancellationToken).ConfigureAwait(false), Array.Empty<AppliedChange>(), null, ofGroups), cancellationToken).ConfigureAwait(false);
            }
            catch (IamOpsException failure)
            {
                return new DeveloperOutcome(request, null, Array.Empty<AppliedChange>(), failure, ofGroups);
            }
        })).ConfigureAwait(false);
        return plans;
    }

    /// <summary>Applies the group changes, each under ShouldProcess; a failed one fails only the rows that want that group.</summary>
    public Task<IReadOnlyList<AppliedChange>> ApplyGroupsAsync(GroupSetup groups, CancellationToken cancellationToken) =>
        _applier.ApplyEachAsync(groups.Changes, cancellationToken);

    /// <summary>Applies one plan in order, stopping at the first failure; throttling slows the batch and retries.</summary>
    public Task<IReadOnlyList<AppliedChange>> ApplyInOrderAsync(IReadOnlyList<PlannedChange> changes, CancellationToken cancellationToken) =>
        _applier.ApplyAsync(changes, cancellationToken);

    /// <summary>
    /// Asks about every planned user's changes (in input order), then applies the approved ones, users in parallel
    /// under the adaptive limit. Each developer comes back with what was applied and which changes were approved.
    /// </summary>
    public async Task<IReadOnlyList<(DeveloperOutcome Outcome, IReadOnlyList<PlannedChange> Approved)>> ApplyAsync(IReadOnlyList<DeveloperOutcome> planned, CancellationToken cancellationToken)
    {
        var plans = planned.Select(p => (IReadOnlyList<PlannedChange>)(p.Plan?.Changes.ToList() ?? new List<PlannedChange>())).ToList();
        var results = await _applier.ApplyBatchAsync(plans, askOnce: null, cancellationToken).ConfigureAwait(false);
        return planned.Select((item, i) =>
        {
            var applied = results[i].Where(a => a.Outcome != ChangeOutcome.Skipped).ToList();
            IReadOnlyList<PlannedChange> approved = applied.Select(a => a.Change).ToList();
            var outcome = item.Plan is null || applied.Count == 0
                ? item
                : new DeveloperOutcome(item.Request, item.Plan, applied, applied.FirstOrDefault(a => a.Failure is not null)?.Failure, item.GroupChanges);
            return (outcome, approved);
        }).ToList();
    }
}

using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Developers;
using IamOps.Planning;
using IamOps.Simulator;

namespace IamOps.Tests.Developers;

/// <summary>Add-IamDeveloper's logic against the simulated account, as the cmdlet drives it (faults: Reliability/FaultSweepTests).</summary>
public sealed class OnboardingScenarioTests
{
    private const string AccountId = "210987654321";
    private static readonly CancellationToken None = CancellationToken.None;

    internal static DeveloperRequest Dev(string name, params string[] groups) => new()
    {
        UserName = name,
        GroupNames = groups.Length == 0 ? new[] { "Developers" } : groups,
        CreateMissingGroup = true,
        Tags = new[] { new IamTag("team", "web") },
    };

    [Fact]
    public async Task Create_then_rerun_is_Unchanged_with_zero_mutating_calls_and_a_new_group_is_an_Update()
    {
        var account = new SimulatedAccount(AccountId);

        var created = await OnboardAsync(account, Dev("alice"));
        account.CallLog.Clear();
        var rerun = await OnboardAsync(account, Dev("alice"));
        var calls = account.CallLog.MutatingCalls.Count;
        var moreGroups = await OnboardAsync(account, Dev("alice", "Developers", "Ops"));

        Assert.Equal(DeveloperStatus.Created, Assert.Single(created).Status);
        Assert.NotNull(created[0].InitialPassword);
        Assert.Equal(DeveloperStatus.Unchanged, Assert.Single(rerun).Status);
        Assert.Null(rerun[0].InitialPassword);
        Assert.Equal(0, calls);
        Assert.Equal(DeveloperStatus.Updated, Assert.Single(moreGroups).Status);
        Assert.Equal(new[] { "Developers", "Ops" }, moreGroups[0].Groups.Order(StringComparer.Ordinal));
        var login = await account.Connect().Iam.GetLoginProfileAsync("alice", None);
        Assert.True(login.PasswordResetRequired);
    }

    [Fact]
    public async Task Users_can_change_their_password_through_the_group_when_the_account_policy_does_not_allow_it()
    {
        var account = new SimulatedAccount(AccountId);

        await OnboardAsync(account, Dev("alice"));

        var attached = await IamLookup.ToListAsync(account.Connect().Iam.ListAttachedPoliciesAsync(IdentityKind.Group, "Developers", None), None);
        Assert.Contains(attached, p => p.PolicyArn == "arn:aws:iam::aws:policy/IAMUserChangePassword");
    }

    [Fact]
    public async Task WhatIf_makes_no_mutating_call_and_reports_WouldChange()
    {
        var account = new SimulatedAccount(AccountId);
        await account.Connect().Iam.CreateGroupAsync("Developers", null, None);
        account.CallLog.Clear();

        var result = await OnboardAsync(account, new[] { Dev("alice") }, approve: false);

        Assert.Equal(DeveloperStatus.WouldChange, Assert.Single(result).Status);
        Assert.Empty(account.CallLog.MutatingCalls);
        Assert.All(result[0].Changes, c => Assert.StartsWith("Would ", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_group_without_CreateMissingGroup_fails_that_user_only()
    {
        var account = new SimulatedAccount(AccountId);
        await account.Connect().Iam.CreateGroupAsync("Developers", null, None);

        var result = await OnboardAsync(account, new[] { Dev("alice") with { CreateMissingGroup = false }, Dev("bob", "Nope") with { CreateMissingGroup = false } });

        Assert.Equal(DeveloperStatus.Created, result[0].Status);
        Assert.Equal(DeveloperStatus.Failed, result[1].Status);
        Assert.Null(await IamLookup.FindAsync(() => account.Connect().Iam.GetUserAsync("bob", None)));
    }

    [Fact]
    public async Task Access_keys_are_created_once_and_rotating_again_deletes_the_oldest_inactive_key_so_there_is_never_a_third()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;

        var first = await OnboardAsync(account, Dev("alice") with { ProgrammaticAccess = true });
        var again = await OnboardAsync(account, Dev("alice") with { ProgrammaticAccess = true });
        var rotated = await OnboardAsync(account, Dev("alice") with { RotateAccessKey = true });
        var keys = await IamLookup.ToListAsync(iam.ListAccessKeysAsync("alice", None), None);
        var second = await OnboardAsync(account, Dev("alice") with { RotateAccessKey = true });
        var after = await IamLookup.ToListAsync(iam.ListAccessKeysAsync("alice", None), None);

        Assert.NotNull(first[0].SecretAccessKey);
        Assert.Equal(DeveloperStatus.Unchanged, again[0].Status);
        Assert.NotNull(rotated[0].AccessKeyId);
        Assert.Equal(2, keys.Count);
        Assert.Single(keys, k => k.Status == AccessKeyStatus.Active);
        Assert.Equal(rotated[0].AccessKeyId, keys.Single(k => k.Status == AccessKeyStatus.Active).AccessKeyId);
        Assert.Equal(DeveloperStatus.Updated, second[0].Status);
        Assert.Equal($"Deleted access key {first[0].AccessKeyId} of user alice", second[0].Changes[0]);
        Assert.Equal(2, after.Count);
        Assert.DoesNotContain(after, k => k.AccessKeyId == first[0].AccessKeyId);
        Assert.Equal(second[0].AccessKeyId, after.Single(k => k.Status == AccessKeyStatus.Active).AccessKeyId);
        Assert.Equal(rotated[0].AccessKeyId, after.Single(k => k.Status == AccessKeyStatus.Inactive).AccessKeyId);
    }

    [Fact]
    public async Task Two_pipelines_onboarding_overlapping_users_at_once_both_succeed_and_each_user_exists_once()
    {
        var account = new SimulatedAccount(AccountId);
        var left = Enumerable.Range(0, 30).Select(i => Dev("user" + i)).ToArray();
        var right = Enumerable.Range(15, 30).Select(i => Dev("user" + i)).ToArray();

        var results = await Task.WhenAll(Task.Run(() => OnboardAsync(account, left)), Task.Run(() => OnboardAsync(account, right)));

        Assert.All(results.SelectMany(r => r), r => Assert.NotEqual(DeveloperStatus.Failed, r.Status));
        var users = await IamLookup.ToListAsync(account.Connect().Iam.ListUsersAsync(null, None), None);
        Assert.Equal(45, users.Count(u => u.UserName.StartsWith("user", StringComparison.Ordinal)));
        Assert.Equal(users.Count, users.Select(u => u.UserName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task ExactGroups_removes_unlisted_groups_and_ResetPassword_issues_a_new_initial_password()
    {
        var account = new SimulatedAccount(AccountId);
        await OnboardAsync(account, Dev("alice", "Developers", "Ops"));

        var exact = await OnboardAsync(account, Dev("alice", "Developers") with { ExactGroups = true });
        var reset = await OnboardAsync(account, Dev("alice", "Developers") with { ResetPassword = true });

        Assert.Equal(new[] { "Developers" }, exact[0].Groups);
        var groups = await IamLookup.ToListAsync(account.Connect().Iam.ListGroupsForUserAsync("alice", None), None);
        Assert.Equal("Developers", Assert.Single(groups).GroupName);
        Assert.Equal(DeveloperStatus.Updated, reset[0].Status);
        Assert.NotNull(reset[0].InitialPassword);
        Assert.True((await account.Connect().Iam.GetLoginProfileAsync("alice", None)).PasswordResetRequired);
    }

    [Fact]
    public async Task A_permissions_boundary_is_set_on_create_and_on_an_existing_user_and_old_keys_can_be_deleted_on_rotation()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;
        var boundary = (await iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "DevBoundary", PolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""" }, None)).Arn;
        await OnboardAsync(account, Dev("bob") with { ProgrammaticAccess = true });

        var bounded = await OnboardAsync(account, Dev("bob") with { PermissionsBoundary = boundary, RotateAccessKey = true, DeleteOldAccessKey = true });
        var created = await OnboardAsync(account, Dev("carol") with { PermissionsBoundary = boundary });

        Assert.Equal(DeveloperStatus.Updated, bounded[0].Status);
        Assert.Equal(boundary, (await iam.GetUserAsync("bob", None)).PermissionsBoundaryArn);
        Assert.Equal(boundary, (await iam.GetUserAsync("carol", None)).PermissionsBoundaryArn);
        Assert.Equal(DeveloperStatus.Created, created[0].Status);
        var keys = await IamLookup.ToListAsync(iam.ListAccessKeysAsync("bob", None), None);
        Assert.Equal(bounded[0].AccessKeyId, Assert.Single(keys).AccessKeyId);
    }

    [Fact]
    public void Tags_over_IAMs_limits_are_refused_before_any_call()
    {
        var fiftyOne = string.Join(";", Enumerable.Range(0, 51).Select(i => $"k{i}=v"));

        Assert.Equal("TagLimitExceeded", Assert.Throws<IamOpsException>(() => DeveloperTags.Parse(fiftyOne)).ErrorId);
        Assert.Equal("TagInvalid", Assert.Throws<IamOpsException>(() => DeveloperTags.Parse("aws:owner=x")).ErrorId);
        Assert.Equal("TagInvalid", Assert.Throws<IamOpsException>(() => DeveloperTags.Parse("novalue")).ErrorId);
        Assert.Equal(2, DeveloperTags.Parse("team=web;cost-center=42").Count);
    }

    internal static Task<IReadOnlyList<DeveloperResult>> OnboardAsync(SimulatedAccount account, DeveloperRequest request) => OnboardAsync(account, new[] { request });

    /// <summary>What Add-IamDeveloper does, with every change approved (or none: -WhatIf); the fault sweep runs it too.</summary>
    /// <param name="backoff">The wait between attempts of a throttled change; null keeps the product's.</param>
    /// <param name="groupChangeFailed">Told of each group change that failed: the cmdlet writes an error record for it and goes on.</param>
    internal static Task<IReadOnlyList<DeveloperResult>> OnboardAsync(SimulatedAccount account, IReadOnlyList<DeveloperRequest> requests, bool approve = true, int throttleLimit = 4, Func<int, TimeSpan>? backoff = null, Action<AppliedChange>? groupChangeFailed = null) =>
        OnboardAsync(account.Connect(), requests, approve, throttleLimit, backoff, groupChangeFailed);

    /// <summary>The same through any connection, e.g. the real IAM client against the simulator's HTTP endpoint.</summary>
    internal static async Task<IReadOnlyList<DeveloperResult>> OnboardAsync(IAwsConnection connection, IReadOnlyList<DeveloperRequest> requests, bool approve = true, int throttleLimit = 4, Func<int, TimeSpan>? backoff = null, Action<AppliedChange>? groupChangeFailed = null)
    {
        foreach (var request in requests)
        {
            DeveloperPlanner.Validate(request);
        }

        var batch = new OnboardingBatch(connection, throttleLimit, approve ? ApplyCallbacks.ApproveAll : ApplyCallbacks.DeclineAll);
        if (backoff is not null)
        {
            batch.Backoff = backoff;
        }

        var context = await AccountContext.LoadAsync(connection, None);
        var policy = await batch.ReadPasswordPolicyAsync(None);
        var groups = await batch.PlanGroupsAsync(requests, policy, context.Partition, None);
        var groupResults = await batch.ApplyGroupsAsync(groups, None);
        foreach (var failed in groupResults.Where(r => r.Failure is not null))
        {
            groupChangeFailed?.Invoke(failed);
        }

        var planned = await batch.PlanUsersAsync(requests, groups, policy, None, groupResults);
        var outcomes = await batch.ApplyAsync(planned, None);
        return outcomes.Select(o => DeveloperReport.ToResult(context, o.Outcome, o.Approved)).ToList();
    }
}

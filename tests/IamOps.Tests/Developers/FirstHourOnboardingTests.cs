using IamOps.Aws;
using IamOps.Developers;
using IamOps.Simulator;
using static IamOps.Tests.Developers.OnboardingScenarioTests;

namespace IamOps.Tests.Developers;

/// <summary>Issue 21 (a user's first hour): group policies converge, named keys can be retired, contradictory rows fail.</summary>
public sealed class FirstHourOnboardingTests
{
    private const string AccountId = "210987654321";
    private const string Ec2 = "arn:aws:iam::aws:policy/AmazonEC2FullAccess";
    private const string Ec2Typo = "arn:aws:iam::aws:policy/AmazonEC2FullAcess";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_typo_in_GroupPolicyArn_fails_the_row_and_a_rerun_with_the_right_arn_attaches_it_and_onboards_the_user()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;

        var typo = await OnboardAsync(account, new[] { Dev("alice") with { GroupPolicyArns = new[] { Ec2Typo } } });
        var userAfterTypo = await IamLookup.FindAsync(() => iam.GetUserAsync("alice", None));
        var fixedRun = await OnboardAsync(account, new[] { Dev("alice") with { GroupPolicyArns = new[] { Ec2 } } });
        account.CallLog.Clear();
        var rerun = await OnboardAsync(account, new[] { Dev("alice") with { GroupPolicyArns = new[] { Ec2 } } });

        Assert.Equal(DeveloperStatus.Failed, typo[0].Status);
        Assert.Contains(typo[0].Changes, c => c.StartsWith("Failed to attach " + Ec2Typo + " to group Developers", StringComparison.Ordinal));
        Assert.Null(userAfterTypo);
        Assert.Equal(DeveloperStatus.Created, fixedRun[0].Status);
        Assert.Contains($"Attached {Ec2} to group Developers", fixedRun[0].Changes);
        var attached = await IamLookup.ToListAsync(iam.ListAttachedPoliciesAsync(IdentityKind.Group, "Developers", None), None);
        Assert.Contains(attached, p => p.PolicyArn == Ec2);
        Assert.Equal(DeveloperStatus.Unchanged, rerun[0].Status);
        Assert.Empty(account.CallLog.MutatingCalls);
    }

    [Fact]
    public async Task GroupPolicyArn_on_an_existing_group_attaches_only_what_is_missing_and_never_detaches()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;
        await OnboardAsync(account, Dev("alice") with { GroupPolicyArns = new[] { "arn:aws:iam::aws:policy/ReadOnlyAccess" } });

        var bob = await OnboardAsync(account, Dev("bob") with { GroupPolicyArns = new[] { Ec2 } });

        var attached = (await IamLookup.ToListAsync(iam.ListAttachedPoliciesAsync(IdentityKind.Group, "Developers", None), None)).Select(p => p.PolicyArn).ToList();
        Assert.Contains("arn:aws:iam::aws:policy/ReadOnlyAccess", attached);
        Assert.Contains(Ec2, attached);
        Assert.Equal(DeveloperStatus.Created, bob[0].Status);
        Assert.Equal($"Attached {Ec2} to group Developers", bob[0].Changes[0]);
    }

    [Fact]
    public async Task WhatIf_for_an_existing_member_whose_group_lacks_a_policy_is_WouldChange_with_no_mutating_call()
    {
        var account = new SimulatedAccount(AccountId);
        await OnboardAsync(account, Dev("alice"));
        account.CallLog.Clear();

        var preview = await OnboardAsync(account, new[] { Dev("alice") with { GroupPolicyArns = new[] { Ec2 } } }, approve: false);
        var applied = await OnboardAsync(account, Dev("alice") with { GroupPolicyArns = new[] { Ec2 } });

        Assert.Equal(DeveloperStatus.WouldChange, preview[0].Status);
        Assert.Equal($"Would attach {Ec2} to group Developers", Assert.Single(preview[0].Changes));
        Assert.Equal(DeveloperStatus.Updated, applied[0].Status);
        Assert.Single(account.CallLog.MutatingCalls);
    }

    [Fact]
    public async Task Two_active_keys_are_not_rotated_and_the_error_names_a_key_to_delete()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;
        await OnboardAsync(account, Dev("alice") with { ProgrammaticAccess = true });
        var extra = await iam.CreateAccessKeyAsync("alice", None);
        account.CallLog.Clear();

        var result = await OnboardAsync(account, Dev("alice") with { RotateAccessKey = true });

        Assert.Equal(DeveloperStatus.Failed, result[0].Status);
        Assert.Contains("-DeleteAccessKey", Assert.Single(result[0].Changes), StringComparison.Ordinal);
        Assert.Empty(account.CallLog.MutatingCalls);
        Assert.Contains(await IamLookup.ToListAsync(iam.ListAccessKeysAsync("alice", None), None), k => k.AccessKeyId == extra.AccessKeyId);
    }

    [Fact]
    public async Task DeactivateAccessKey_makes_the_named_key_inactive_and_a_rerun_changes_nothing()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;
        var key = (await OnboardAsync(account, Dev("alice") with { ProgrammaticAccess = true }))[0].AccessKeyId!;

        var deactivated = await OnboardAsync(account, Dev("alice") with { DeactivateAccessKeyIds = new[] { key } });
        account.CallLog.Clear();
        var rerun = await OnboardAsync(account, Dev("alice") with { DeactivateAccessKeyIds = new[] { key } });

        Assert.Equal(DeveloperStatus.Updated, deactivated[0].Status);
        Assert.Equal($"Deactivated access key {key} of user alice", Assert.Single(deactivated[0].Changes));
        Assert.Equal(AccessKeyStatus.Inactive, Assert.Single(await IamLookup.ToListAsync(iam.ListAccessKeysAsync("alice", None), None)).Status);
        Assert.Equal(DeveloperStatus.Unchanged, rerun[0].Status);
        Assert.Empty(account.CallLog.MutatingCalls);
    }

    [Fact]
    public async Task DeleteAccessKey_deletes_only_the_named_key_and_a_rerun_changes_nothing()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;
        var kept = (await OnboardAsync(account, Dev("alice") with { ProgrammaticAccess = true }))[0].AccessKeyId!;
        var doomed = (await iam.CreateAccessKeyAsync("alice", None)).AccessKeyId;

        var deleted = await OnboardAsync(account, Dev("alice") with { DeleteAccessKeyIds = new[] { doomed } });
        account.CallLog.Clear();
        var rerun = await OnboardAsync(account, Dev("alice") with { DeleteAccessKeyIds = new[] { doomed } });

        Assert.Equal(DeveloperStatus.Updated, deleted[0].Status);
        Assert.Equal(kept, Assert.Single(await IamLookup.ToListAsync(iam.ListAccessKeysAsync("alice", None), None)).AccessKeyId);
        Assert.Equal(DeveloperStatus.Unchanged, rerun[0].Status);
        Assert.Empty(account.CallLog.MutatingCalls);
    }

    [Fact]
    public async Task DeactivateAccessKey_of_a_key_the_user_lacks_fails_that_row_and_lists_the_users_keys()
    {
        var account = new SimulatedAccount(AccountId);
        var key = (await OnboardAsync(account, Dev("alice") with { ProgrammaticAccess = true }))[0].AccessKeyId!;

        var result = await OnboardAsync(account, new[] { Dev("alice") with { DeactivateAccessKeyIds = new[] { "AKIAIOSFODNN7EXAMPLE" } }, Dev("bob") });

        Assert.Equal(DeveloperStatus.Failed, result[0].Status);
        Assert.Contains(key, Assert.Single(result[0].Changes), StringComparison.Ordinal);
        Assert.Equal(DeveloperStatus.Created, result[1].Status);
    }

    [Theory]
    [InlineData(null, false, true)]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    [InlineData(null, true, false)]
    [InlineData(false, true, false)]
    public void Console_access_is_on_unless_turned_off(bool? consoleAccess, bool noConsoleAccess, bool expected) =>
        Assert.Equal(expected, DeveloperPlanner.WantsConsoleAccess(consoleAccess, noConsoleAccess, "alice"));

    [Fact]
    public void ConsoleAccess_with_NoConsoleAccess_is_an_error_not_a_silent_choice() =>
        Assert.Equal("ConsoleAccessConflict", Assert.Throws<IamOpsException>(() => DeveloperPlanner.WantsConsoleAccess(true, true, "alice")).ErrorId);

    [Theory]
    [InlineData("not-a-key", false, "AccessKeyIdInvalid")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", true, "AccessKeyOptionsConflict")]
    public void Named_key_options_are_checked_before_any_call(string keyId, bool rotate, string errorId)
    {
        var request = Dev("alice") with { DeleteAccessKeyIds = new[] { keyId }, RotateAccessKey = rotate };

        Assert.Equal(errorId, Assert.Throws<IamOpsException>(() => DeveloperPlanner.Validate(request)).ErrorId);
    }
}

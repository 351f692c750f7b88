using IamOps.Aws;
using IamOps.Offboarding;
using IamOps.Planning;
using IamOps.Simulator;
using IamOps.Tests.Simulator;

namespace IamOps.Tests.Offboarding;

/// <summary>Remove-IamDeveloper's logic against the simulated account, as the cmdlet drives it (faults: Reliability/FaultSweepTests).</summary>
public sealed class OffboardingScenarioTests
{
    private const string AccountId = "210987654321";
    private const string BoundaryArn = "arn:aws:iam::aws:policy/PowerUserAccess";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A user carrying every kind of dependent that blocks DeleteUser, and a group and a managed policy that must outlive it.</summary>
    internal static async Task<SimulatedAccount> AccountWithLoadedUserAsync(string userName = "alice")
    {
        var account = new SimulatedAccount(AccountId, new ManualClock(Start));
        var iam = account.Connect().Iam;
        await iam.CreateUserAsync(new CreateUserRequest { UserName = userName, PermissionsBoundaryArn = BoundaryArn, Tags = new[] { new IamTag("team", "web") } }, None);
        await iam.CreateLoginProfileAsync(userName, "Initial-Passw0rd!", true, None);
        await iam.CreateAccessKeyAsync(userName, None);
        await iam.CreateAccessKeyAsync(userName, None);
        await iam.UploadSigningCertificateAsync(userName, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", None);
        await iam.UploadSshPublicKeyAsync(userName, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC alice@laptop", None);
        await iam.CreateServiceSpecificCredentialAsync(userName, "codecommit.amazonaws.com", None);
        var device = await iam.CreateVirtualMfaDeviceAsync(userName, null, Array.Empty<IamTag>(), None);
        await iam.EnableMfaDeviceAsync(userName, device.SerialNumber,
            TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start.AddSeconds(-30)), TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start), None);
        foreach (var group in new[] { "Developers", "Ops" })
        {
            await IamLookup.CreateOrKeepAsync(() => iam.CreateGroupAsync(group, null, None));
            await iam.AddUserToGroupAsync(group, userName, None);
        }

        await iam.PutInlinePolicyAsync(IdentityKind.User, userName, "IamOps-AssumeRole-deployer", Expect.Statement("Allow", "sts:AssumeRole"), None);
        await iam.AttachPolicyAsync(IdentityKind.User, userName, "arn:aws:iam::aws:policy/ReadOnlyAccess", None);
        return account;
    }

    /// <summary>Plans and applies as Remove-IamDeveloper does; <paramref name="approve"/> false is -WhatIf.</summary>
    internal static async Task<IReadOnlyList<OffboardingResult>> OffboardAsync(IAwsConnection connection, IReadOnlyList<OffboardingRequest> requests, bool approve = true, int throttleLimit = 4, Func<int, TimeSpan>? backoff = null)
    {
        var batch = new OffboardingBatch(connection, throttleLimit, () => Start, approve ? ApplyCallbacks.ApproveAll : ApplyCallbacks.DeclineAll);
        if (backoff is not null)
        {
            batch.Backoff = backoff;
        }

        var planned = await batch.PlanAsync(requests, None);
        var outcomes = await batch.ApplyAsync(planned, None);
        return outcomes.Select(o => OffboardingResult.From(AccountId, o.Request, o.Plan, o.Applied, o.Failure)).ToList();
    }

    private static Task<IReadOnlyList<OffboardingResult>> OffboardAsync(SimulatedAccount account, string userName, bool disable = false, bool approve = true) =>
        OffboardAsync(account.Connect(), new[] { new OffboardingRequest { UserName = userName, Disable = disable } }, approve);

    [Fact]
    public async Task A_user_with_every_dependent_kind_is_removed_in_one_run_without_a_DeleteConflict()
    {
        var account = await AccountWithLoadedUserAsync();
        account.CallLog.Clear();

        var result = Assert.Single(await OffboardAsync(account, "alice"));

        Assert.Equal(OffboardingStatus.Removed, result.Status);
        Assert.DoesNotContain(account.CallLog.Calls, c => c.Outcome != "Success");
        Assert.Equal(
            new[]
            {
                "DeleteLoginProfile", "DeleteAccessKey", "DeleteAccessKey", "DeleteSigningCertificate", "DeleteSSHPublicKey", "DeleteServiceSpecificCredential",
                "DeactivateMFADevice", "DeleteVirtualMFADevice", "RemoveUserFromGroup", "RemoveUserFromGroup", "DeleteUserPolicy", "DetachUserPolicy",
                "DeleteUserPermissionsBoundary", "DeleteUser",
            },
            account.CallLog.MutatingCalls.Select(c => c.Operation));
        var iam = account.Connect().Iam;
        await Expect.AwsError("NoSuchEntity", 404, () => iam.GetUserAsync("alice", None));
        Assert.Empty(await IamLookup.ToListAsync(iam.ListUnassignedVirtualMfaDevicesAsync(None), None));
        Assert.Equal("Developers", (await iam.GetGroupAsync("Developers", None)).GroupName);
        Assert.Equal(13, result.Changes.Count); // deactivate and delete of the virtual MFA device are one step
        Assert.Equal("Deleted user alice", result.Changes[^1]);
    }

    [Fact]
    public async Task A_hardware_MFA_device_is_deactivated_and_kept_and_a_virtual_one_is_deleted()
    {
        var account = await AccountWithLoadedUserAsync();
        const string token = "GAHT12345678";
        account.AddHardwareMfaDevice(token);
        var iam = account.Connect().Iam;
        await iam.EnableMfaDeviceAsync("alice", token, account.MfaCode(token, Start.AddSeconds(-30)), account.MfaCode(token, Start), None);
        Assert.Equal(2, (await IamLookup.ToListAsync(iam.ListMfaDevicesAsync("alice", None), None)).Count);
        account.CallLog.Clear();

        var result = Assert.Single(await OffboardAsync(account, "alice"));

        Assert.Equal(OffboardingStatus.Removed, result.Status);
        Assert.DoesNotContain(account.CallLog.Calls, c => c.Outcome != "Success");
        var mfaCalls = account.CallLog.MutatingCalls.Select(c => c.Operation).Where(o => o.Contains("MFA", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "DeactivateMFADevice", "DeleteVirtualMFADevice", "DeactivateMFADevice" }, mfaCalls);
        var hardwareStep = Assert.Single(result.Changes, c => c.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain("delete", hardwareStep, StringComparison.OrdinalIgnoreCase);
        await Expect.AwsError("NoSuchEntity", 404, () => iam.GetUserAsync("alice", None));

        // The token stays with its owner: IAM still knows it, so it can be given to someone else.
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None);
        ((ManualClock)account.Clock).Advance(TimeSpan.FromMinutes(2));
        var later = account.Clock.UtcNow;
        await iam.EnableMfaDeviceAsync("bob", token, account.MfaCode(token, later.AddSeconds(-30)), account.MfaCode(token, later), None);
        Assert.Equal(token, Assert.Single(await IamLookup.ToListAsync(iam.ListMfaDevicesAsync("bob", None), None)).SerialNumber);
    }

    [Fact]
    public async Task WhatIf_lists_every_step_and_makes_no_mutating_call()
    {
        var account = await AccountWithLoadedUserAsync();
        account.CallLog.Clear();

        var result = Assert.Single(await OffboardAsync(account, "alice", approve: false));

        Assert.Equal(OffboardingStatus.WouldChange, result.Status);
        Assert.Empty(account.CallLog.MutatingCalls);
        Assert.Equal(13, result.Changes.Count); // deactivate and delete of the virtual MFA device are one step
        Assert.All(result.Changes, c => Assert.StartsWith("Would ", c, StringComparison.Ordinal));
        Assert.Equal("alice", (await account.Connect().Iam.GetUserAsync("alice", None)).UserName);
    }

    [Fact]
    public async Task A_second_run_is_Unchanged_with_zero_mutating_calls()
    {
        var account = await AccountWithLoadedUserAsync();
        await OffboardAsync(account, "alice");
        account.CallLog.Clear();

        var rerun = Assert.Single(await OffboardAsync(account, "alice"));

        Assert.Equal(OffboardingStatus.Unchanged, rerun.Status);
        Assert.Empty(account.CallLog.MutatingCalls);
        Assert.Empty(rerun.Changes);
        Assert.Equal("User 'alice' does not exist; nothing to remove.", rerun.Note);
    }

    [Fact]
    public async Task A_user_that_does_not_exist_is_Unchanged_with_a_note_not_an_error()
    {
        var account = new SimulatedAccount(AccountId);

        var result = Assert.Single(await OffboardAsync(account, "nobody", disable: true));

        Assert.Equal(OffboardingStatus.Unchanged, result.Status);
        Assert.Null(result.Arn);
        Assert.Contains("does not exist", result.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad name", "UserNameInvalid")]
    [InlineData("alice/bob", "UserNameInvalid")]
    [InlineData("", "UserNameMissing")]
    public void An_invalid_user_name_is_refused_before_any_call(string userName, string errorId)
    {
        var error = Assert.Throws<IamOpsException>(() => OffboardingPlanner.Validate(new OffboardingRequest { UserName = userName }));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task Disable_keeps_the_user_without_access_tags_it_and_a_plain_removal_finishes()
    {
        var account = await AccountWithLoadedUserAsync();
        var iam = account.Connect().Iam;

        var disabled = Assert.Single(await OffboardAsync(account, "alice", disable: true));
        account.CallLog.Clear();
        var again = Assert.Single(await OffboardAsync(account, "alice", disable: true));
        var againCalls = account.CallLog.MutatingCalls.Count;

        Assert.Equal(OffboardingStatus.Disabled, disabled.Status);
        Assert.Equal(OffboardingStatus.Unchanged, again.Status);
        Assert.Equal(0, againCalls);
        var user = await iam.GetUserAsync("alice", None);
        Assert.Contains(new IamTag(OffboardingPlanner.OffboardedTagKey, "2026-03-01"), user.Tags);
        Assert.All(await IamLookup.ToListAsync(iam.ListAccessKeysAsync("alice", None), None), k => Assert.Equal(AccessKeyStatus.Inactive, k.Status));
        Assert.Null(await IamLookup.FindAsync(() => iam.GetLoginProfileAsync("alice", None)));
        Assert.Empty(await IamLookup.ToListAsync(iam.ListGroupsForUserAsync("alice", None), None));

        var removed = Assert.Single(await OffboardAsync(account, "alice"));
        Assert.Equal(OffboardingStatus.Removed, removed.Status);
        await Expect.AwsError("NoSuchEntity", 404, () => iam.GetUserAsync("alice", None));
    }

    [Fact]
    public async Task A_batch_removes_many_users_under_a_concurrency_limit_and_keeps_input_order()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;
        var names = Enumerable.Range(0, 12).Select(i => $"dev{i:00}").ToList();
        foreach (var name in names)
        {
            await iam.CreateUserAsync(new CreateUserRequest { UserName = name }, None);
            await iam.CreateAccessKeyAsync(name, None);
        }

        var results = await OffboardAsync(account.Connect(), names.Append("ghost").Select(n => new OffboardingRequest { UserName = n }).ToList(), throttleLimit: 3);

        Assert.Equal(names.Append("ghost"), results.Select(r => r.UserName));
        Assert.All(results.Take(12), r => Assert.Equal(OffboardingStatus.Removed, r.Status));
        Assert.Equal(OffboardingStatus.Unchanged, results[^1].Status);
        Assert.DoesNotContain(await IamLookup.ToListAsync(iam.ListUsersAsync(null, None), None), u => u.UserName.StartsWith("dev", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_virtual_MFA_device_left_unassigned_by_an_interrupted_run_is_deleted_on_the_rerun()
    {
        var account = await AccountWithLoadedUserAsync();
        var iam = account.Connect().Iam;
        var serial = (await IamLookup.ToListAsync(iam.ListMfaDevicesAsync("alice", None), None)).Single().SerialNumber;
        await iam.DeactivateMfaDeviceAsync("alice", serial, None);

        var result = Assert.Single(await OffboardAsync(account, "alice"));

        Assert.Equal(OffboardingStatus.Removed, result.Status);
        Assert.Contains(result.Changes, c => c.StartsWith("Deleted unassigned virtual MFA device " + serial, StringComparison.Ordinal));
        Assert.Empty(await IamLookup.ToListAsync(iam.ListUnassignedVirtualMfaDevicesAsync(None), None));
    }
}

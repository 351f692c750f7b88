using IamOps.Audit.StaleCredentials;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Secrets;
using IamOps.Simulator;

namespace IamOps.Tests.Audit;

/// <summary>Disable-IamStaleCredential's capability against the simulator: the CIS rules, the rotation over a grace period, -Exclude, bad input.</summary>
public sealed class StaleCredentialTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedAccount _account;
    private readonly IIam _iam;

    public StaleCredentialTests()
    {
        _account = new SimulatedAccount("111122223333", _clock);
        _iam = _account.Connect().Iam;
    }

    private async Task<NewAccessKey> UserWithKeyAsync(string name, IReadOnlyList<IamTag>? tags = null)
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = name, Tags = tags ?? Array.Empty<IamTag>() }, None);
        return await _iam.CreateAccessKeyAsync(name, None);
    }

    private Task UseAsync(NewAccessKey key) => _account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey)).Sts.GetCallerIdentityAsync(None);

    private void Age(int days) => _clock.Advance(TimeSpan.FromDays(days));

    /// <summary>Runs the clean-up as the cmdlet does (every user, or the named ones); approve: false is -WhatIf.</summary>
    private async Task<StaleCredentialRun> RunAsync(StaleCredentialRequest? request = null, bool approve = true, params string[] userNames)
    {
        var cleanup = new StaleCredentialCleanup(request ?? new StaleCredentialRequest { Exclude = new[] { SimulatedAccount.AdministratorUserName } });
        foreach (var name in userNames)
        {
            Assert.Null(cleanup.Add(name).Rejection);
        }

        return await cleanup.RunAsync(_account.Connect(), userNames.Length == 0, () => _account.UtcNow, approve ? ApplyCallbacks.ApproveAll : ApplyCallbacks.DeclineAll, 4, null, None);
    }

    private static IEnumerable<string> Summary(StaleCredentialRun run) => run.Results.Select(r => $"{r.UserName} {r.Action} {r.CredentialType} {r.Status}");

    private async Task<AccessKeyStatus> StatusOfAsync(string user, string keyId) =>
        (await IamLookup.ToListAsync(_iam.ListAccessKeysAsync(user, None), None)).Single(k => k.AccessKeyId == keyId).Status;

    [Fact]
    public async Task Keys_unused_or_never_used_for_Days_are_deactivated_and_recent_ones_left_alone()
    {
        var used = await UserWithKeyAsync("used-long-ago");
        await UseAsync(used);
        var never = await UserWithKeyAsync("never-used");
        Age(40);
        var recent = await UserWithKeyAsync("recent");
        await UseAsync(recent);
        Age(10);

        var run = await RunAsync();

        Assert.Equal(new[] { "never-used Deactivate AccessKey Changed", "used-long-ago Deactivate AccessKey Changed" }, Summary(run).OrderBy(s => s));
        var neverResult = run.Results.Single(r => r.UserName == "never-used");
        Assert.Equal(never.AccessKeyId, neverResult.Credential);
        Assert.Null(neverResult.LastUsedDate);
        Assert.Equal(50, neverResult.UnusedDays);
        Assert.Contains("never used, created 50 days ago", neverResult.Reason, StringComparison.Ordinal);
        Assert.Contains("last used 50 days ago", run.Results.Single(r => r.UserName == "used-long-ago").Reason, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Inactive, await StatusOfAsync("never-used", never.AccessKeyId));
        Assert.Equal(AccessKeyStatus.Active, await StatusOfAsync("recent", recent.AccessKeyId));
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task WhatIf_lists_the_changes_and_makes_no_mutating_call_and_a_rerun_after_applying_plans_nothing()
    {
        await UserWithKeyAsync("idle");
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "console" }, None);
        await _iam.CreateLoginProfileAsync("console", "Initial-Passw0rd!", false, None);
        Age(60);
        var before = _account.CallLog.MutatingCalls.Count;

        var whatIf = await RunAsync(approve: false);

        Assert.Equal(new[] { "console Delete Password WouldChange", "idle Deactivate AccessKey WouldChange" }, Summary(whatIf).OrderBy(s => s));
        Assert.Equal(before, _account.CallLog.MutatingCalls.Count);
        Assert.StartsWith("Would delete console password of user console", whatIf.Results.Single(r => r.UserName == "console").Change, StringComparison.Ordinal);

        var applied = await RunAsync();
        Assert.Equal(new[] { "console Delete Password Changed", "idle Deactivate AccessKey Changed" }, Summary(applied).OrderBy(s => s));
        Assert.Null(await IamLookup.FindAsync(() => _iam.GetLoginProfileAsync("console", None)));

        var mutatingAfterApply = _account.CallLog.MutatingCalls.Count;
        Assert.Empty((await RunAsync()).Results);
        Assert.Equal(mutatingAfterApply, _account.CallLog.MutatingCalls.Count);
    }

    [Fact]
    public async Task A_password_counts_from_its_last_use_or_when_never_used_from_when_it_was_set()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "signs-in" }, None);
        await _iam.CreateLoginProfileAsync("signs-in", "Initial-Passw0rd!", false, None);
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "new-password" }, None);
        Age(50);
        _account.SignInToConsole("signs-in", "Initial-Passw0rd!");
        await _iam.CreateLoginProfileAsync("new-password", "Initial-Passw0rd!", false, None);
        Age(10);

        Assert.Empty((await RunAsync(new StaleCredentialRequest { Exclude = new[] { "Administrator" } })).Results);

        Age(40);
        var run = await RunAsync(new StaleCredentialRequest { Exclude = new[] { "Administrator" } });

        var signsIn = Assert.Single(run.Results, r => r.UserName == "signs-in");
        Assert.Equal(StaleCredentialAction.Delete, signsIn.Action);
        Assert.Equal(50, signsIn.UnusedDays);
        Assert.Contains("console password last used 50 days ago", signsIn.Reason, StringComparison.Ordinal);
        var newPassword = Assert.Single(run.Results, r => r.UserName == "new-password");
        Assert.Contains("console password never used, set 50 days ago", newPassword.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_in_use_past_MaxKeyAge_is_rotated_over_the_grace_period_in_two_runs()
    {
        var old = await UserWithKeyAsync("busy");
        Age(95);
        await UseAsync(old);
        var request = new StaleCredentialRequest { Exclude = new[] { "Administrator" }, GracePeriod = 7 };
        var keysCreated = _account.CallLog.Of("CreateAccessKey").Count;

        var first = await RunAsync(request);

        var start = Assert.Single(first.Results);
        Assert.Equal((StaleCredentialAction.StartRotation, StaleCredentialStatus.Changed, old.AccessKeyId), (start.Action, start.Status, start.Credential));
        Assert.NotNull(start.NewAccessKeyId);
        Assert.NotEqual(old.AccessKeyId, start.NewAccessKeyId);
        Assert.True(_account.Issued(start.NewAccessKeyId!));
        Assert.Equal(40, SecretText.ToPlainText(start.NewSecretAccessKey!).Length);
        Assert.Equal(AccessKeyStatus.Active, await StatusOfAsync("busy", old.AccessKeyId));
        Assert.Equal(keysCreated + 1, _account.CallLog.Of("CreateAccessKey").Count);

        Age(3);
        var waiting = await RunAsync(request);
        Assert.Empty(waiting.Results);
        Assert.Contains(waiting.Notes, n => n.Contains("is being rotated", StringComparison.Ordinal));

        Age(4);
        var finish = await RunAsync(request);
        var done = Assert.Single(finish.Results);
        Assert.Equal((StaleCredentialAction.FinishRotation, StaleCredentialStatus.Changed, old.AccessKeyId), (done.Action, done.Status, done.Credential));
        Assert.Contains("-GracePeriod of 7 days is over; the new key", done.Reason, StringComparison.Ordinal);
        Assert.Equal(AccessKeyStatus.Inactive, await StatusOfAsync("busy", old.AccessKeyId));
        Assert.Equal(AccessKeyStatus.Active, await StatusOfAsync("busy", start.NewAccessKeyId!));
        Assert.Empty((await RunAsync(request)).Results);
    }

    [Fact]
    public async Task A_GracePeriod_of_zero_replaces_and_deactivates_the_old_key_in_one_run()
    {
        var old = await UserWithKeyAsync("busy");
        Age(91);
        await UseAsync(old);

        var run = await RunAsync(new StaleCredentialRequest { Exclude = new[] { "Administrator" }, GracePeriod = 0 });

        Assert.Equal(new[] { StaleCredentialAction.StartRotation, StaleCredentialAction.FinishRotation }, run.Results.Select(r => r.Action));
        Assert.Equal(AccessKeyStatus.Inactive, await StatusOfAsync("busy", old.AccessKeyId));
        Assert.Equal(AccessKeyStatus.Active, await StatusOfAsync("busy", run.Results[0].NewAccessKeyId!));
        Assert.Empty((await RunAsync(new StaleCredentialRequest { Exclude = new[] { "Administrator" }, GracePeriod = 0 })).Results);
    }

    [Fact]
    public async Task Delete_removes_only_keys_already_inactive_and_unused()
    {
        var idle = await UserWithKeyAsync("idle");
        await _iam.UpdateAccessKeyAsync("idle", idle.AccessKeyId, AccessKeyStatus.Inactive, None);
        var active = await UserWithKeyAsync("active-idle");
        Age(46);
        var request = new StaleCredentialRequest { Exclude = new[] { "Administrator" }, Delete = true };

        var run = await RunAsync(request);

        Assert.Equal(new[] { "active-idle Deactivate AccessKey Changed", "idle Delete AccessKey Changed" }, Summary(run).OrderBy(s => s));
        Assert.Empty(await IamLookup.ToListAsync(_iam.ListAccessKeysAsync("idle", None), None));
        Assert.Equal(AccessKeyStatus.Inactive, await StatusOfAsync("active-idle", active.AccessKeyId));
        var next = await RunAsync(request);
        Assert.Equal(new[] { "active-idle Delete AccessKey Changed" }, Summary(next));
        Assert.Empty((await RunAsync(new StaleCredentialRequest { Exclude = new[] { "Administrator" } })).Results);
    }

    [Fact]
    public async Task Without_Delete_an_inactive_key_is_left_alone()
    {
        var idle = await UserWithKeyAsync("idle");
        await _iam.UpdateAccessKeyAsync("idle", idle.AccessKeyId, AccessKeyStatus.Inactive, None);
        Age(100);

        Assert.Empty((await RunAsync()).Results);
    }

    [Fact]
    public async Task Exclude_leaves_users_named_or_tagged_untouched_and_reads_none_of_their_keys()
    {
        await UserWithKeyAsync("break-glass", new[] { new IamTag("iamops:break-glass", "true") });
        await UserWithKeyAsync("not-really", new[] { new IamTag("iamops:break-glass", "false") });
        await UserWithKeyAsync("vip");
        Age(100);
        _account.CallLog.Clear();

        var run = await RunAsync(new StaleCredentialRequest { Exclude = new[] { "Administrator", "VIP", "iamops:break-glass=true" } });

        Assert.Equal(new[] { "not-really Deactivate AccessKey Changed" }, Summary(run));
        Assert.Contains(run.Notes, n => n.StartsWith("break-glass: left alone (-Exclude iamops:break-glass=true", StringComparison.Ordinal));
        Assert.Contains(run.Notes, n => n.StartsWith("vip: left alone", StringComparison.Ordinal));
        Assert.Single(_account.CallLog.Of("ListAccessKeys"));
        Assert.Equal(AccessKeyStatus.Active, (await IamLookup.ToListAsync(_iam.ListAccessKeysAsync("break-glass", None), None)).Single().Status);
    }

    [Fact]
    public async Task A_tag_key_alone_excludes_whatever_its_value()
    {
        await UserWithKeyAsync("break-glass", new[] { new IamTag("iamops:break-glass", "anything") });
        Age(100);

        Assert.Empty((await RunAsync(new StaleCredentialRequest { Exclude = new[] { "Administrator", "iamops:break-glass" } })).Results);
    }

    [Fact]
    public async Task UserNames_limit_the_scope_and_an_unknown_one_is_an_error_with_no_write()
    {
        await UserWithKeyAsync("in-scope");
        await UserWithKeyAsync("out-of-scope");
        Age(100);
        var before = _account.CallLog.MutatingCalls.Count;

        var run = await RunAsync(new StaleCredentialRequest(), true, "in-scope", "ghost");

        Assert.Equal(new[] { "in-scope Deactivate AccessKey Changed" }, Summary(run));
        var error = Assert.Single(run.Errors);
        Assert.Equal(("UserNotFound", FailureKind.ObjectNotFound), (error.ErrorId, error.Kind));
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before + 1, _account.CallLog.MutatingCalls.Count);
    }

    [Fact]
    public async Task Two_keys_in_use_past_MaxKeyAge_cannot_be_rotated_and_say_so_without_a_change()
    {
        var first = await UserWithKeyAsync("two-keys");
        var second = await _iam.CreateAccessKeyAsync("two-keys", None);
        Age(100);
        await UseAsync(first);
        await UseAsync(second);

        var run = await RunAsync();

        Assert.Empty(run.Results);
        Assert.Contains(run.Warnings, w => w.Contains("cannot be rotated: the user already has two keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_keys_of_the_user_the_command_runs_as_are_never_deactivated_and_a_warning_says_why()
    {
        Age(100);
        var request = new StaleCredentialRequest();

        var first = await RunAsync(request);
        var start = Assert.Single(first.Results);
        Assert.Equal((SimulatedAccount.AdministratorUserName, StaleCredentialAction.StartRotation), (start.UserName, start.Action));

        Age(8);
        var second = await RunAsync(request);
        Assert.Empty(second.Results);
        Assert.Contains(second.Warnings, w => w.Contains("this command runs as Administrator", StringComparison.Ordinal));
        Assert.All((await IamLookup.ToListAsync(_iam.ListAccessKeysAsync(SimulatedAccount.AdministratorUserName, None), None)), k => Assert.Equal(AccessKeyStatus.Active, k.Status));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:user/ops/alice", "alice")]
    [InlineData("arn:aws:iam::111122223333:user/bob", "bob")]
    [InlineData("arn:aws:sts::111122223333:assumed-role/deploy/session", null)]
    [InlineData("arn:aws:iam::111122223333:root", null)]
    public void The_calling_user_is_read_from_the_caller_arn(string arn, string? expected) =>
        Assert.Equal(expected, StaleCredentialPlanner.UserNameOf(arn));

    [Theory]
    [InlineData(0, 90, 7, "DaysInvalid")]
    [InlineData(-3, 90, 7, "DaysInvalid")]
    [InlineData(45, 0, 0, "MaxKeyAgeInvalid")]
    [InlineData(45, 90, -1, "GracePeriodInvalid")]
    [InlineData(45, 90, 90, "GracePeriodInvalid")]
    public void Bad_thresholds_are_refused_before_anything_is_read(int days, int maxKeyAge, int grace, string errorId)
    {
        var error = Assert.Throws<IamOpsException>(() => new StaleCredentialCleanup(new StaleCredentialRequest { Days = days, MaxKeyAge = maxKeyAge, GracePeriod = grace }));

        Assert.Equal((errorId, FailureKind.InvalidArgument), (error.ErrorId, error.Kind));
        Assert.Empty(_account.CallLog.Calls);
    }

    [Theory]
    [InlineData("=true")]
    [InlineData(" =x")]
    public void An_exclude_tag_filter_without_a_key_is_refused(string exclude)
    {
        var error = Assert.Throws<IamOpsException>(() => new StaleCredentialCleanup(new StaleCredentialRequest { Exclude = new[] { exclude } }));

        Assert.Equal("ExcludeInvalid", error.ErrorId);
    }

    [Fact]
    public void Bad_names_are_rejected_and_the_root_row_and_repeats_are_skipped()
    {
        var cleanup = new StaleCredentialCleanup(new StaleCredentialRequest());

        Assert.Equal("UserNameInvalid", cleanup.Add("no spaces allowed").Rejection?.ErrorId);
        Assert.Equal("UserNameMissing", cleanup.Add(" ").Rejection?.ErrorId);
        Assert.NotNull(cleanup.Add("<root_account>").Note);
        Assert.Null(cleanup.Add("alice").Note);
        Assert.NotNull(cleanup.Add("ALICE").Note);
        Assert.Equal(new[] { "alice" }, cleanup.UserNames);
    }
}

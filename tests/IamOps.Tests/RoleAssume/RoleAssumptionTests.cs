using IamOps.Aws;
using IamOps.RoleAssume;
using IamOps.Secrets;
using IamOps.Simulator;
using IamOps.Tests.Simulator;

namespace IamOps.Tests.RoleAssume;

/// <summary>Invoke-IamRoleAssume's logic against the simulator: who may assume, MFA, external ID, chaining, the cache, bad input.</summary>
public sealed class RoleAssumptionTests
{
    private const string Account = "111122223333";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedAccount _account;
    private readonly SimulatorConnection _admin;
    private readonly RoleSessionCache _cache;

    public RoleAssumptionTests()
    {
        _account = new SimulatedAccount(Account, _clock);
        _admin = _account.Connect();
        _cache = new RoleSessionCache(() => _clock.UtcNow);
    }

    private RoleAssumption For(IAwsConnection caller) =>
        new(caller, _cache, "test", s => _account.Connect(new SimulatorCredentials(s.AccessKeyId, SecretTextOf(s), SecretText.ToPlainText(s.SessionToken))), _admin.Iam);

    /// <summary>A RoleAssumption whose -WaitForRole pauses move the simulated clock and are recorded, instead of sleeping.</summary>
    private RoleAssumption Waiting(IAwsConnection caller, List<TimeSpan> pauses) =>
        new(caller, _cache, "test", s => _account.Connect(new SimulatorCredentials(s.AccessKeyId, SecretTextOf(s), SecretText.ToPlainText(s.SessionToken))), _admin.Iam,
            (pause, _) =>
            {
                pauses.Add(pause);
                _clock.Advance(pause);
                return Task.CompletedTask;
            });

    private static string SecretTextOf(RoleSession session) => IamOps.Secrets.SecretText.ToPlainText(session.SecretAccessKey);

    private async Task<SimulatorConnection> User(string name)
    {
        await _admin.Iam.CreateUserAsync(new CreateUserRequest { UserName = name }, None);
        var key = await _admin.Iam.CreateAccessKeyAsync(name, None);
        return _account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));
    }

    private Task<IamRole> Role(string name, string trust) =>
        _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = trust }, None);

    /// <summary>A user with an enabled virtual MFA device (codes of the two steps before now used), and a role that trusts her only with MFA.</summary>
    private async Task<(SimulatorConnection User, VirtualMfaDevice Device)> MfaUserAndRole(string user, string role)
    {
        var connection = await User(user);
        var device = await _admin.Iam.CreateVirtualMfaDeviceAsync(user, null, Array.Empty<IamTag>(), None);
        await _admin.Iam.EnableMfaDeviceAsync(user, device.SerialNumber,
            TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start.AddSeconds(-30)), TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start), None);
        await Role(role, Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:user/{user}\"}}", """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"""));
        return (connection, device);
    }

    private static async Task<IamOpsException> Fails(Func<Task> action) => await Assert.ThrowsAsync<IamOpsException>(action);

    [Fact]
    public async Task User_with_own_key_assumes_by_name_and_Verify_shows_the_assumed_role_arn()
    {
        var alice = await User("alice");
        await Role("deploy", Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:user/alice\"}}"));

        var session = await For(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "deploy", Verify = true }, None);

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/deploy/alice", session.AssumedRoleArn);
        Assert.Equal(session.AssumedRoleArn, session.VerifiedIdentity?.Arn);
        Assert.Equal($"arn:aws:iam::{Account}:role/deploy", session.RoleArn);
        Assert.Equal(Account, session.Account);
        Assert.Equal(DateTimeKind.Utc, session.Expiration.Kind);
        Assert.Equal(Start.AddHours(1), session.Expiration);
    }

    [Fact]
    public async Task User_the_trust_policy_does_not_name_is_told_so()
    {
        var bob = await User("bob");
        await User("alice");
        await Role("deploy", Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:user/alice\"}}"));

        var error = await Fails(() => For(bob).AssumeAsync(new RoleAssumeRequest { RoleName = "deploy" }, None));

        Assert.Equal("RoleAssumeDenied", error.ErrorId);
        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Contains("trust policy does not name you", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mfa_trust_denies_without_a_code_and_allows_a_valid_totp_code()
    {
        var (alice, device) = await MfaUserAndRole("alice", "admin");

        var withoutCode = await Fails(() => For(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "admin" }, None));
        var noPrompt = await Fails(() => For(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "admin", SerialNumber = device.SerialNumber }, None));
        _clock.Advance(TimeSpan.FromSeconds(30));
        var code = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, _clock.UtcNow);
        var session = await For(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "admin", SerialNumber = device.SerialNumber, TokenCode = code }, None);

        Assert.Equal("MfaRequired", withoutCode.ErrorId);
        Assert.Equal("MfaCodeRequired", noPrompt.ErrorId);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/admin/alice", session.AssumedRoleArn);
    }

    [Fact]
    public async Task WaitForRole_retries_a_role_still_propagating_with_growing_pauses_until_it_is_visible()
    {
        var alice = await User("alice");
        _account.PropagationDelay = TimeSpan.FromSeconds(10);
        _clock.Advance(TimeSpan.FromSeconds(10)); // alice's own key has propagated; the role created next has not
        await Role("fresh", Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:user/alice\"}}"));
        var pauses = new List<TimeSpan>();

        var immediate = await Fails(() => Waiting(alice, pauses).AssumeAsync(new RoleAssumeRequest { RoleName = "fresh", NoCache = true }, None));
        var session = await Waiting(alice, pauses).AssumeAsync(new RoleAssumeRequest { RoleName = "fresh", WaitForRole = TimeSpan.FromSeconds(30) }, None);

        Assert.Equal("RoleAssumeDenied", immediate.ErrorId);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/fresh/alice", session.AssumedRoleArn);
        Assert.Equal(new[] { 1, 2, 4, 8 }.Select(s => TimeSpan.FromSeconds(s)), pauses);
    }

    [Fact]
    public async Task WaitForRole_gives_up_at_the_end_of_its_window_and_says_how_long_it_waited()
    {
        var carol = await User("carol");
        await Role("elsewhere", Expect.Trust("""{"AWS":"arn:aws:iam::444455556666:root"}"""));
        var pauses = new List<TimeSpan>();

        var error = await Fails(() => Waiting(carol, pauses).AssumeAsync(new RoleAssumeRequest { RoleName = "elsewhere", WaitForRole = TimeSpan.FromSeconds(20) }, None));

        Assert.Equal("RoleAssumeDenied", error.ErrorId);
        Assert.Contains("trust policy does not name you", error.Message, StringComparison.Ordinal);
        Assert.Contains("Still denied after waiting 20 seconds", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { 1, 2, 4, 8, 5 }.Select(s => TimeSpan.FromSeconds(s)), pauses);
        Assert.Equal(TimeSpan.FromSeconds(20), pauses.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Fact]
    public async Task WaitForRole_does_not_retry_a_rejected_MFA_code()
    {
        var (alice, device) = await MfaUserAndRole("alice", "admin");
        var pauses = new List<TimeSpan>();

        var error = await Fails(() => Waiting(alice, pauses).AssumeAsync(
            new RoleAssumeRequest { RoleName = "admin", SerialNumber = device.SerialNumber, TokenCode = "000000", WaitForRole = TimeSpan.FromSeconds(30) }, None));

        Assert.Equal("MfaCodeRejected", error.ErrorId);
        Assert.Empty(pauses);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public async Task WaitForRole_outside_zero_to_five_minutes_is_refused_before_any_call(int seconds)
    {
        var error = await Fails(() => For(_admin).AssumeAsync(new RoleAssumeRequest { RoleName = "x", WaitForRole = TimeSpan.FromSeconds(seconds) }, None));

        Assert.Equal("WaitForRoleOutOfRange", error.ErrorId);
        Assert.Empty(_account.CallLog.Calls);
    }

    [Fact]
    public async Task A_user_whose_own_policies_lack_sts_AssumeRole_is_denied_with_that_cause()
    {
        var carol = await User("carol");
        await Role("shared", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"));

        var error = await Fails(() => For(carol).AssumeAsync(new RoleAssumeRequest { RoleName = "shared" }, None));

        Assert.Equal("RoleAssumeDenied", error.ErrorId);
        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Contains("your own policies must allow sts:AssumeRole", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task External_id_mismatch_is_explained()
    {
        var alice = await User("alice");
        // The trust names the account, so alice's own policies must allow sts:AssumeRole too (the simulator checks both).
        await _admin.Iam.PutInlinePolicyAsync(IdentityKind.User, "alice", "assume-vendor", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""", None);
        await Role("vendor", Expect.Trust($"{{\"AWS\":\"{Account}\"}}", """{"StringEquals":{"sts:ExternalId":"acme-42"}}"""));

        var error = await Fails(() => For(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "vendor", ExternalId = "acme-41" }, None));
        var session = await For(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "vendor", ExternalId = "acme-42" }, None);

        Assert.Equal("ExternalIdMismatch", error.ErrorId);
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(session.AccessKeyId);
    }

    [Fact]
    public async Task Role_chaining_beyond_one_hour_is_refused_before_the_call()
    {
        var everyone = Expect.Trust($"{{\"AWS\":\"{Account}\"}}");
        await Role("first", everyone);
        await Role("second", everyone);
        var first = await For(_admin).AssumeAsync(new RoleAssumeRequest { RoleName = "first" }, None);
        var asRole = _account.Connect(new SimulatorCredentials(first.AccessKeyId, SecretTextOf(first), SecretText.ToPlainText(first.SessionToken)));
        _account.CallLog.Clear();

        var error = await Fails(() => For(asRole).AssumeAsync(new RoleAssumeRequest { RoleName = "second", DurationSeconds = 7200 }, None));

        Assert.Equal("RoleChainingDurationExceeded", error.ErrorId);
        Assert.Contains("1-hour limit for role chaining", error.Message, StringComparison.Ordinal);
        Assert.Empty(_account.CallLog.Of("AssumeRole"));
    }

    [Fact]
    public async Task Duration_above_the_roles_maximum_names_that_limit()
    {
        await Role("short", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"));

        var error = await Fails(() => For(_admin).AssumeAsync(new RoleAssumeRequest { RoleName = "short", DurationSeconds = 7200 }, None));

        Assert.Equal("DurationAboveRoleMaximum", error.ErrorId);
        Assert.Contains("MaxSessionDuration of 3600 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hundred_assumptions_make_one_AssumeRole_call_until_five_minutes_before_expiry()
    {
        await Role("deploy", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"));
        var assumption = For(_admin);

        var sessions = new List<RoleSession>();
        for (var i = 0; i < 100; i++)
        {
            sessions.Add(await assumption.AssumeAsync(new RoleAssumeRequest { RoleName = "deploy" }, None));
        }

        Assert.Single(_account.CallLog.Of("AssumeRole"));
        Assert.All(sessions.Skip(1), s => Assert.True(s.FromCache));
        Assert.Single(sessions.Select(s => s.AccessKeyId).Distinct());
        _clock.Advance(TimeSpan.FromMinutes(56));
        await assumption.AssumeAsync(new RoleAssumeRequest { RoleName = "deploy" }, None);
        await assumption.AssumeAsync(new RoleAssumeRequest { RoleName = "deploy", NoCache = true }, None);
        Assert.Equal(3, _account.CallLog.Of("AssumeRole").Count);
    }

    [Theory]
    [InlineData("RoleArnInvalid", "arn:aws:iam::12345:role/x", null, null, 0)]
    [InlineData("RoleArnInvalid", "arn:aws:s3:::bucket/role/xyz", null, null, 0)]
    [InlineData("RoleSessionNameInvalid", "arn:aws:iam::111122223333:role/x", "bad name!", null, 0)]
    [InlineData("RoleSessionNameInvalid", "arn:aws:iam::111122223333:role/x", "a", null, 0)]
    [InlineData("RoleSessionNameInvalid", "arn:aws:iam::111122223333:role/x", "sëssion", null, 0)]
    [InlineData("RoleArnInvalid", "arn:aws:iam::111122223333:role/röle", null, null, 0)]
    [InlineData("DurationOutOfRange", "arn:aws:iam::111122223333:role/x", null, 899, 0)]
    [InlineData("DurationOutOfRange", "arn:aws:iam::111122223333:role/x", null, 43201, 0)]
    [InlineData("TagLimitExceeded", "arn:aws:iam::111122223333:role/x", null, null, 51)]
    public async Task Bad_input_fails_before_any_call(string errorId, string roleArn, string? sessionName, int? duration, int tagCount)
    {
        var tags = Enumerable.Range(0, tagCount).Select(i => new KeyValuePair<string, string>("k" + i, "v")).ToList();
        _account.CallLog.Clear();

        var error = await Fails(() => For(_admin).AssumeAsync(new RoleAssumeRequest { RoleArn = roleArn, RoleSessionName = sessionName, DurationSeconds = duration, Tags = tags }, None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.Empty(_account.CallLog.Calls);
    }

    [Fact]
    public void Tag_value_over_256_characters_and_an_invalid_session_policy_are_rejected_offline()
    {
        var longValue = new RoleAssumeRequest { RoleName = "x", Tags = new[] { new KeyValuePair<string, string>("k", new string('v', 257)) } };
        var badPolicy = new RoleAssumeRequest { RoleName = "x", Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}" };

        Assert.Equal("TagInvalid", Assert.Throws<IamOpsException>(() => RoleAssumeValidation.Check(longValue)).ErrorId);
        Assert.Equal("SessionPolicyInvalid", Assert.Throws<IamOpsException>(() => RoleAssumeValidation.Check(badPolicy)).ErrorId);
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("j doe/ops", "j-doe-ops")]
    [InlineData("x", "iamops-x")]
    public void Default_session_name_fits_the_sts_pattern(string caller, string expected) =>
        Assert.Equal(expected, RoleSessionNames.From(caller));
}

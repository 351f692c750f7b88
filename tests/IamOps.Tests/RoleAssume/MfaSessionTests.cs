using IamOps.Aws;
using IamOps.Baseline;
using IamOps.RoleAssume;
using IamOps.Simulator;
using IamOps.Tests.Simulator;

namespace IamOps.Tests.RoleAssume;

/// <summary>Get-IamSessionToken's logic and the simulator's GetSessionToken: MFA sessions, the MFA policy, replays, the cache.</summary>
public sealed class MfaSessionTests
{
    private const string Account = "111122223333";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedAccount _account;
    private readonly SimulatorConnection _admin;
    private readonly RoleSessionCache _cache;
    private readonly UsedMfaCodes _used;

    public MfaSessionTests()
    {
        _account = new SimulatedAccount(Account, _clock);
        _admin = _account.Connect();
        _cache = new RoleSessionCache(() => _clock.UtcNow);
        _used = new UsedMfaCodes(() => _clock.UtcNow);
    }

    private MfaSessionIssuer For(IAwsConnection caller) =>
        new(caller, _cache, "test", s => _account.Connect(new SimulatorCredentials(s.AccessKeyId, IamOps.Secrets.SecretText.ToPlainText(s.SecretAccessKey), IamOps.Secrets.SecretText.ToPlainText(s.SessionToken))), _used);

    private SimulatorConnection As(TemporarySession session) =>
        _account.Connect(new SimulatorCredentials(session.AccessKeyId, IamOps.Secrets.SecretText.ToPlainText(session.SecretAccessKey), IamOps.Secrets.SecretText.ToPlainText(session.SessionToken)));

    /// <summary>An admin as New-IamAdminBaseline leaves one: in a group with AdministratorAccess and IamOps-RequireMFA, an access key, an enabled device.</summary>
    private async Task<(SimulatorConnection Key, VirtualMfaDevice Device)> MfaEnforcedAdmin(string user)
    {
        await _admin.Iam.CreateGroupAsync("Administrators", null, None);
        await _admin.Iam.AttachPolicyAsync(IdentityKind.Group, "Administrators", "arn:aws:iam::aws:policy/AdministratorAccess", None);
        var policy = await _admin.Iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = RequireMfaPolicy.Name, PolicyDocument = RequireMfaPolicy.Document }, None);
        await _admin.Iam.AttachPolicyAsync(IdentityKind.Group, "Administrators", policy.Arn, None);
        await _admin.Iam.CreateUserAsync(new CreateUserRequest { UserName = user }, None);
        await _admin.Iam.AddUserToGroupAsync("Administrators", user, None);
        var key = await _admin.Iam.CreateAccessKeyAsync(user, None);
        var device = await _admin.Iam.CreateVirtualMfaDeviceAsync(user, null, Array.Empty<IamTag>(), None);
        await _admin.Iam.EnableMfaDeviceAsync(user, device.SerialNumber, Code(device, -30), Code(device, 0), None);
        return (_account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey)), device);
    }

    private string Code(VirtualMfaDevice device, int seconds) => TimeBasedOneTimePassword.Compute(device.Base32StringSeed, _clock.UtcNow.AddSeconds(seconds));

    [Fact]
    public async Task An_mfa_enforced_admin_key_is_denied_with_MfaSessionRequired_naming_Get_IamSessionToken()
    {
        var (key, _) = await MfaEnforcedAdmin("alice");

        var denied = await Assert.ThrowsAsync<IamOpsException>(() => key.Iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None));

        Assert.Equal("MfaSessionRequired", denied.ErrorId);
        Assert.Equal("AccessDenied", denied.AwsErrorCode);
        Assert.Equal(FailureKind.PermissionDenied, denied.Kind);
        Assert.Contains("Get-IamSessionToken", denied.Message, StringComparison.Ordinal);
        Assert.Contains("MFA session", denied.Message, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:iam::{Account}:policy/IamOps-RequireMFA", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mfa_session_carries_MultiFactorAuthPresent_so_the_mfa_policy_lets_the_admin_work()
    {
        var (key, device) = await MfaEnforcedAdmin("alice");

        var session = await For(key).IssueAsync(new MfaSessionRequest { SerialNumber = device.SerialNumber, TokenCode = Code(device, 30) }, None);
        await As(session).Iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None);

        Assert.True(session.MultiFactorAuthPresent);
        Assert.Equal($"arn:aws:iam::{Account}:user/alice", session.UserArn);
        Assert.StartsWith("ASIA", session.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(Start.AddHours(12), session.Expiration);
        Assert.Equal("bob", (await IamLookup.FindAsync(() => _admin.Iam.GetUserAsync("bob", None)))?.UserName);
        Assert.Equal($"arn:aws:iam::{Account}:user/alice", (await As(session).Sts.GetCallerIdentityAsync(None)).Arn);
    }

    [Fact]
    public async Task A_session_without_mfa_cannot_call_iam_at_all()
    {
        var (key, _) = await MfaEnforcedAdmin("alice");

        var session = await For(key).IssueAsync(new MfaSessionRequest(), None);
        var denied = await Expect.AwsError("AccessDenied", 403, () => As(session).Iam.GetUserAsync("alice", None));

        Assert.False(session.MultiFactorAuthPresent);
        Assert.Contains("MFA", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_used_again_in_its_window_is_MfaCodeAlreadyUsed()
    {
        var (key, device) = await MfaEnforcedAdmin("alice");
        var code = Code(device, 30);
        await For(key).IssueAsync(new MfaSessionRequest { SerialNumber = device.SerialNumber, TokenCode = code, NoCache = true }, None);

        var again = await Assert.ThrowsAsync<IamOpsException>(() => For(key).IssueAsync(new MfaSessionRequest { SerialNumber = device.SerialNumber, TokenCode = code, NoCache = true }, None));

        Assert.Equal("MfaCodeAlreadyUsed", again.ErrorId);
        Assert.Contains("already used in this 30-second window", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_says_a_replayed_code_was_already_used_even_to_another_session()
    {
        var (key, device) = await MfaEnforcedAdmin("alice");
        var code = Code(device, 30);
        await key.Sts.GetSessionTokenAsync(new GetSessionTokenRequest { SerialNumber = device.SerialNumber, TokenCode = code }, None);

        var fresh = new MfaSessionIssuer(key, new RoleSessionCache(() => _clock.UtcNow), "other", _ => key, new UsedMfaCodes(() => _clock.UtcNow));
        var again = await Assert.ThrowsAsync<IamOpsException>(() => fresh.IssueAsync(new MfaSessionRequest { SerialNumber = device.SerialNumber, TokenCode = code }, None));

        Assert.Equal("MfaCodeAlreadyUsed", again.ErrorId);
    }

    [Fact]
    public async Task A_wrong_code_is_MfaCodeRejected()
    {
        var (key, device) = await MfaEnforcedAdmin("alice");
        var wrong = Code(device, 30) == "000000" ? "111111" : "000000";

        var rejected = await Assert.ThrowsAsync<IamOpsException>(() => For(key).IssueAsync(new MfaSessionRequest { SerialNumber = device.SerialNumber, TokenCode = wrong }, None));

        Assert.Equal("MfaCodeRejected", rejected.ErrorId);
    }

    [Fact]
    public async Task The_session_is_cached_until_five_minutes_before_it_expires()
    {
        var (key, device) = await MfaEnforcedAdmin("alice");
        var request = new MfaSessionRequest { SerialNumber = device.SerialNumber, TokenCode = Code(device, 30), DurationSeconds = 900 };
        var first = await For(key).IssueAsync(request, None);

        var cached = await For(key).FindCachedAsync(request with { TokenCode = null }, None);
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var stale = await For(key).FindCachedAsync(request with { TokenCode = null }, None);

        Assert.NotNull(cached);
        Assert.True(cached!.FromCache);
        Assert.Equal(first.AccessKeyId, cached.AccessKeyId);
        Assert.Null(stale);
    }

    [Fact]
    public async Task Session_credentials_cannot_get_a_session_token()
    {
        var (key, device) = await MfaEnforcedAdmin("alice");
        var session = await For(key).IssueAsync(new MfaSessionRequest { SerialNumber = device.SerialNumber, TokenCode = Code(device, 30) }, None);

        var refused = await Assert.ThrowsAsync<IamOpsException>(() => For(As(session)).IssueAsync(new MfaSessionRequest(), None));

        Assert.Equal("MfaSessionNeedsUser", refused.ErrorId);
        await Expect.AwsError("AccessDenied", 403, () => As(session).Sts.GetSessionTokenAsync(new GetSessionTokenRequest(), None));
    }

    [Theory]
    [InlineData(null, "123456", "SerialNumberMissing")]
    [InlineData("arn:aws:iam::111122223333:mfa/alice", "12345", "TokenCodeInvalid")]
    [InlineData("arn:aws:iam::111122223333:mfa/alice", "123456", "DurationOutOfRange")]
    public void Bad_input_is_refused_before_any_call(string? serial, string code, string errorId)
    {
        var failure = Assert.Throws<IamOpsException>(() => MfaSessionIssuer.Check(new MfaSessionRequest { SerialNumber = serial, TokenCode = code, DurationSeconds = errorId == "DurationOutOfRange" ? 129601 : null }));

        Assert.Equal(errorId, failure.ErrorId);
        Assert.Empty(_account.CallLog.Calls);
    }

    [Fact]
    public async Task An_mfa_session_assumes_a_role_whose_trust_requires_mfa()
    {
        var (key, device) = await MfaEnforcedAdmin("alice");
        await _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "deploy", AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:user/alice\"}}", """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""") }, None);
        var session = await For(key).IssueAsync(new MfaSessionRequest { SerialNumber = device.SerialNumber, TokenCode = Code(device, 30) }, None);

        var role = await As(session).Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/deploy", RoleSessionName = "alice" }, None);

        Assert.EndsWith("assumed-role/deploy/alice", role.AssumedRoleArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assuming_a_role_that_does_not_exist_is_RoleNotFound()
    {
        var (key, _) = await MfaEnforcedAdmin("alice");
        await _admin.Iam.CreateUserAsync(new CreateUserRequest { UserName = "dev" }, None);
        var devKey = await _admin.Iam.CreateAccessKeyAsync("dev", None);
        var dev = _account.Connect(new SimulatorCredentials(devKey.AccessKeyId, devKey.SecretAccessKey));
        var assumption = new RoleAssumption(dev, _cache, "test", _ => dev, _admin.Iam);

        var missing = await Assert.ThrowsAsync<IamOpsException>(() => assumption.AssumeAsync(new RoleAssumeRequest { RoleName = "nope" }, None));

        Assert.Equal("RoleNotFound", missing.ErrorId);
        Assert.Equal(FailureKind.ObjectNotFound, missing.Kind);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        GC.KeepAlive(key);
    }
}

using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

public sealed class StsTests
{
    private const string Account = "111122223333";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedAccount _account;
    private readonly SimulatorConnection _admin;

    public StsTests()
    {
        _account = new SimulatedAccount(Account, _clock);
        _admin = _account.Connect();
    }

    private async Task<SimulatorConnection> UserConnection(string name)
    {
        await _admin.Iam.CreateUserAsync(new CreateUserRequest { UserName = name }, None);
        var key = await _admin.Iam.CreateAccessKeyAsync(name, None);
        return _account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));
    }

    private Task<IamRole> Role(string name, string trust, int? maxSession = null) =>
        _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = trust, MaxSessionDuration = maxSession }, None);

    private static Task<AssumedRoleSession> Assume(SimulatorConnection caller, string roleName, Func<AssumeRoleRequest, AssumeRoleRequest>? change = null)
    {
        var request = new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/{roleName}", RoleSessionName = "s1" };
        return caller.Sts.AssumeRoleAsync(change is null ? request : change(request), None);
    }

    /// <summary>The call succeeded as the named role: a session of it, with temporary credentials that work.</summary>
    private static void AssertAssumed(string roleName, AssumedRoleSession session)
    {
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/{roleName}/s1", session.AssumedRoleArn);
        Assert.EndsWith(":s1", session.AssumedRoleId, StringComparison.Ordinal);
        Assert.StartsWith("ASIA", session.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.NotEmpty(session.Credentials.SessionToken);
    }

    [Fact]
    public async Task Caller_identity_of_the_administrator_is_its_user()
    {
        var identity = await _admin.Sts.GetCallerIdentityAsync(None);
        Assert.Equal(Account, identity.Account);
        Assert.Equal($"arn:aws:iam::{Account}:user/Administrator", identity.Arn);
        Assert.StartsWith("AIDA", identity.UserId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issued_credentials_identify_the_assumed_role_session()
    {
        var role = await Role("deploy", Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:root\"}}"));
        var session = await Assume(_admin, "deploy");
        Assert.Matches("^ASIA[A-Z2-7]{16}$", session.Credentials.AccessKeyId);
        Assert.Equal(Start.AddHours(1), session.Credentials.Expiration);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/deploy/s1", session.AssumedRoleArn);
        var identity = await _admin.ForSession(session).Sts.GetCallerIdentityAsync(None);
        Assert.Equal(session.AssumedRoleArn, identity.Arn);
        Assert.Equal(role.RoleId + ":s1", identity.UserId);
        Assert.Equal("AssumedRole", identity.PrincipalType);
    }

    [Fact]
    public async Task Trust_policy_must_name_the_caller()
    {
        var alice = await UserConnection("alice");
        await Role("for-bob", Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:user/Administrator\"}}"));
        var error = await Expect.AwsError("AccessDenied", 403, () => Assume(alice, "for-bob"));
        Assert.Contains($"User: arn:aws:iam::{Account}:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{Account}:role/for-bob", error.Message, StringComparison.Ordinal);
        await Role("for-alice", Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:user/alice\"}}"));
        AssertAssumed("for-alice", await Assume(alice, "for-alice"));
        await Role("anyone", Expect.Trust("\"*\""));
        AssertAssumed("anyone", await Assume(alice, "anyone"));
    }

    [Fact]
    public async Task Service_principals_cannot_be_assumed_by_users_and_an_explicit_deny_wins()
    {
        await Role("ec2", Expect.Trust("{\"Service\":\"ec2.amazonaws.com\"}"));
        await Expect.AwsError("AccessDenied", 403, () => Assume(_admin, "ec2"));
        var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{Account}}"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:*"}]}""";
        await Role("denied", trust);
        await Expect.AwsError("AccessDenied", 403, () => Assume(_admin, "denied"));
        await Expect.AwsError("AccessDenied", 403, () => _admin.Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/missing", RoleSessionName = "s1" }, None));
    }

    [Fact]
    public async Task Duration_must_be_900_to_the_roles_max_session_duration()
    {
        await Role("r", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"), maxSession: 7200);
        await Expect.AwsError("ValidationError", 400, () => Assume(_admin, "r", r => r with { DurationSeconds = 899 }));
        var error = await Expect.AwsError("ValidationError", 400, () => Assume(_admin, "r", r => r with { DurationSeconds = 7201 }));
        Assert.Contains("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", error.Message, StringComparison.Ordinal);
        var session = await Assume(_admin, "r", r => r with { DurationSeconds = 7200 });
        Assert.Equal(Start.AddHours(2), session.Credentials.Expiration);
    }

    [Fact]
    public async Task Role_chaining_is_capped_at_one_hour()
    {
        await Role("first", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"), maxSession: 43200);
        await Role("second", Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:role/first\"}}"), maxSession: 43200);
        var first = _admin.ForSession(await Assume(_admin, "first", r => r with { DurationSeconds = 43200 }));
        var error = await Expect.AwsError("ValidationError", 400, () => Assume(first, "second", r => r with { DurationSeconds = 3601 }));
        Assert.Contains("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", error.Message, StringComparison.Ordinal);
        var chained = await Assume(first, "second");
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/second/s1", chained.AssumedRoleArn);
    }

    [Fact]
    public async Task External_id_condition_needs_the_right_external_id()
    {
        await Role("vendor", Expect.Trust($"{{\"AWS\":\"{Account}\"}}", """{"StringEquals":{"sts:ExternalId":"Unique-42"}}"""));
        await Expect.AwsError("AccessDenied", 403, () => Assume(_admin, "vendor"));
        await Expect.AwsError("AccessDenied", 403, () => Assume(_admin, "vendor", r => r with { ExternalId = "wrong-id" }));
        await Expect.AwsError("ValidationError", 400, () => Assume(_admin, "vendor", r => r with { ExternalId = "x" }));
        AssertAssumed("vendor", await Assume(_admin, "vendor", r => r with { ExternalId = "Unique-42" }));
    }

    [Fact]
    public async Task Mfa_condition_needs_a_serial_number_and_a_valid_token_code()
    {
        var alice = await UserConnection("alice");
        var device = await _admin.Iam.CreateVirtualMfaDeviceAsync("alice", null, Array.Empty<IamTag>(), None);
        await _admin.Iam.EnableMfaDeviceAsync("alice", device.SerialNumber,
            TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start.AddSeconds(-30)), TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start), None);
        await Role("admin", Expect.Trust($"{{\"AWS\":\"{Account}\"}}", """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"""));

        // The trust policy names the account, so alice's own policies must allow sts:AssumeRole as well.
        await _admin.Iam.PutInlinePolicyAsync(IdentityKind.User, "alice", "assume", Expect.Statement("Allow", "sts:AssumeRole"), None);
        await Expect.AwsError("AccessDenied", 403, () => Assume(alice, "admin"));
        _clock.Advance(TimeSpan.FromSeconds(30));
        var code = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, _clock.UtcNow);
        var wrong = code == "000000" ? "111111" : "000000";
        var error = await Expect.AwsError("AccessDenied", 403, () => Assume(alice, "admin", r => r with { SerialNumber = device.SerialNumber, TokenCode = wrong }));
        Assert.Contains("MultiFactorAuthentication failed with invalid MFA one time pass code.", error.Message, StringComparison.Ordinal);
        var session = await Assume(alice, "admin", r => r with { SerialNumber = device.SerialNumber, TokenCode = code });
        Assert.NotNull(session.Credentials.SessionToken);
        await Expect.AwsError("AccessDenied", 403, () => Assume(alice, "admin", r => r with { SerialNumber = device.SerialNumber, TokenCode = code }));
    }

    [Fact]
    public async Task Session_tags_need_sts_TagSession_in_the_trust_policy()
    {
        await Role("plain", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"));
        var tags = new[] { new IamTag("team", "blue") };
        await Expect.AwsError("AccessDenied", 403, () => Assume(_admin, "plain", r => r with { Tags = tags }));
        await Role("tagging", Expect.Trust($"{{\"AWS\":\"{Account}\"}}", """{"StringEquals":{"aws:RequestTag/team":"blue"}}""").Replace("\"sts:AssumeRole\"", "[\"sts:AssumeRole\",\"sts:TagSession\"]", StringComparison.Ordinal));
        var session = await Assume(_admin, "tagging", r => r with { Tags = tags });
        AssertAssumed("tagging", session);
        Assert.InRange(session.PackedPolicySize!.Value, 0, 100);
        await Expect.AwsError("AccessDenied", 403, () => Assume(_admin, "tagging", r => r with { Tags = new[] { new IamTag("team", "red") } }));
        await Expect.AwsError("ValidationError", 400, () => Assume(_admin, "tagging", r => r with { Tags = new[] { new IamTag("a", "1"), new IamTag("A", "2") } }));
    }

    [Fact]
    public async Task Source_identity_needs_SetSourceIdentity_and_persists_through_chaining()
    {
        await Role("first", $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{Account}}"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"]}]}""");
        await Role("second", Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:role/first\"}}"));
        await Role("no-source", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"));
        await Expect.AwsError("AccessDenied", 403, () => Assume(_admin, "no-source", r => r with { SourceIdentity = "alice" }));
        await Expect.AwsError("ValidationError", 400, () => Assume(_admin, "first", r => r with { SourceIdentity = "aws:alice" }));
        var first = await Assume(_admin, "first", r => r with { SourceIdentity = "alice" });
        Assert.Equal("alice", first.SourceIdentity);
        var chained = await Assume(_admin.ForSession(first), "second");
        Assert.Equal("alice", chained.SourceIdentity);
    }

    [Fact]
    public async Task Session_policy_is_validated_and_counted_against_the_packed_limit()
    {
        await Role("r", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"));
        await Expect.AwsError("MalformedPolicyDocument", 400, () => Assume(_admin, "r", r => r with { Policy = "{" }));
        var big = Expect.Statement("Allow", "s3:GetObject", "arn:aws:s3:::" + new string('b', 2100));
        await Expect.AwsError("PackedPolicyTooLarge", 400, () => Assume(_admin, "r", r => r with { Policy = big }));
        var session = await Assume(_admin, "r", r => r with { Policy = Expect.Statement("Allow", "s3:GetObject") });
        Assert.InRange(session.PackedPolicySize!.Value, 1, 10);
    }

    [Fact]
    public async Task Expired_session_credentials_are_refused()
    {
        await Role("r", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"));
        var session = _admin.ForSession(await Assume(_admin, "r", r => r with { DurationSeconds = 900 }));
        await session.Sts.GetCallerIdentityAsync(None);
        _clock.Advance(TimeSpan.FromSeconds(901));
        await Expect.AwsError("ExpiredTokenException", 400, () => session.Sts.GetCallerIdentityAsync(None));
        var iamError = await Expect.AwsError("ExpiredToken", 403, () => session.Iam.GetRoleAsync("r", None));
        Assert.Equal(FailureKind.AuthenticationError, iamError.Kind);
    }

    [Fact]
    public async Task Wrong_deleted_or_inactive_keys_are_InvalidClientTokenId_and_a_wrong_secret_is_SignatureDoesNotMatch()
    {
        var alice = await UserConnection("alice");
        await alice.Sts.GetCallerIdentityAsync(None);
        await Expect.AwsError("SignatureDoesNotMatch", 403, () => _account.Connect(alice.Credentials with { SecretAccessKey = "wrong" }).Sts.GetCallerIdentityAsync(None));
        await _admin.Iam.UpdateAccessKeyAsync("alice", alice.Credentials.AccessKeyId, AccessKeyStatus.Inactive, None);
        var error = await Expect.AwsError("InvalidClientTokenId", 403, () => alice.Sts.GetCallerIdentityAsync(None));
        Assert.Equal(FailureKind.AuthenticationError, error.Kind);
        await _admin.Iam.DeleteAccessKeyAsync("alice", alice.Credentials.AccessKeyId, None);
        await Expect.AwsError("InvalidClientTokenId", 403, () => alice.Sts.GetCallerIdentityAsync(None));
        await Expect.AwsError("InvalidClientTokenId", 403, () => _account.Connect(new SimulatorCredentials("AKIAEXAMPLEEXAMPLE00", "x")).Iam.GetUserAsync(null, None));
    }

    [Fact]
    public async Task Propagation_delay_keeps_new_roles_unassumable_and_new_keys_invalid_for_a_while()
    {
        _account.PropagationDelay = TimeSpan.FromSeconds(10);
        await Role("fresh", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"));
        var alice = await UserConnection("alice");
        await Expect.AwsError("AccessDenied", 403, () => Assume(_admin, "fresh"));
        await Expect.AwsError("InvalidClientTokenId", 403, () => alice.Sts.GetCallerIdentityAsync(None));
        _clock.Advance(TimeSpan.FromSeconds(10));
        AssertAssumed("fresh", await Assume(_admin, "fresh"));
        Assert.Equal($"arn:aws:iam::{Account}:user/alice", (await alice.Sts.GetCallerIdentityAsync(None)).Arn);
    }

    [Fact]
    public async Task Sessions_have_no_user_so_user_name_is_required()
    {
        await Role("r", Expect.Trust($"{{\"AWS\":\"{Account}\"}}"));
        await _admin.Iam.AttachPolicyAsync(IdentityKind.Role, "r", "arn:aws:iam::aws:policy/ReadOnlyAccess", None);
        var session = _admin.ForSession(await Assume(_admin, "r"));
        await Expect.AwsError("ValidationError", 400, () => session.Iam.GetUserAsync(null, None));
        Assert.Equal("Administrator", (await session.Iam.GetUserAsync("Administrator", None)).UserName);
    }
}

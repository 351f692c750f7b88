using IamOps.Aws;
using IamOps.RoleAssume;
using IamOps.Simulator;
using static IamOps.Tests.RoleGrant.SimulatedRoleGrants;

namespace IamOps.Tests.RoleGrant;

/// <summary>
/// The seeds' "create a user and attach an assume-role policy": after Grant-IamRoleAssume the user assumes the role with
/// their own key; a user without the permission, a missing MFA code and a wrong external id are each denied.
/// </summary>
public sealed class RoleGrantScenarioTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedRoleGrants _sim = new();

    private Task<IamOpsException> DeniedAsync(IAwsConnection caller, RoleAssumeRequest request) =>
        Assert.ThrowsAsync<IamOpsException>(() => _sim.AssumeAs(caller).AssumeAsync(request with { NoCache = true }, None));

    [Fact]
    public async Task The_granted_user_assumes_with_their_own_key_and_another_user_is_denied()
    {
        var alice = await _sim.UserAsync("alice");
        var bob = await _sim.UserAsync("bob");
        await _sim.GrantAsync(ForUser("deployer", "alice"));

        var session = await _sim.AssumeAs(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "deployer", Verify = true }, None);
        var denied = await DeniedAsync(bob, new RoleAssumeRequest { RoleName = "deployer" });

        Assert.Equal($"arn:aws:sts::{AccountId}:assumed-role/deployer/alice", session.VerifiedIdentity?.Arn);
        Assert.Equal("RoleAssumeDenied", denied.ErrorId);
        Assert.Contains("sts:AssumeRole", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Require_mfa_denies_without_a_code_and_allows_a_valid_totp_code()
    {
        var alice = await _sim.UserAsync("alice");
        var device = await _sim.Iam.CreateVirtualMfaDeviceAsync("alice", null, Array.Empty<IamTag>(), None);
        await _sim.Iam.EnableMfaDeviceAsync("alice", device.SerialNumber,
            TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start.AddSeconds(-30)), TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start), None);
        await _sim.GrantAsync(ForUser("admin", "alice") with { RequireMfa = true });

        var withoutCode = await DeniedAsync(alice, new RoleAssumeRequest { RoleName = "admin" });
        _sim.Clock.Advance(TimeSpan.FromSeconds(30));
        var wrongCode = await DeniedAsync(alice, new RoleAssumeRequest { RoleName = "admin", SerialNumber = device.SerialNumber, TokenCode = "000000" });
        var code = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, _sim.Clock.UtcNow);
        var session = await _sim.AssumeAs(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "admin", SerialNumber = device.SerialNumber, TokenCode = code, Verify = true }, None);

        Assert.Equal("MfaRequired", withoutCode.ErrorId);
        Assert.Equal("MfaCodeRejected", wrongCode.ErrorId);
        Assert.Equal($"arn:aws:sts::{AccountId}:assumed-role/admin/alice", session.VerifiedIdentity?.Arn);
    }

    [Fact]
    public async Task An_external_id_mismatch_is_denied_and_the_right_one_allowed()
    {
        var alice = await _sim.UserAsync("alice");
        await _sim.GrantAsync(ForUser("partner", "alice") with { ExternalId = "acme-42" });

        var missing = await DeniedAsync(alice, new RoleAssumeRequest { RoleName = "partner" });
        var wrong = await DeniedAsync(alice, new RoleAssumeRequest { RoleName = "partner", ExternalId = "acme-43" });
        var session = await _sim.AssumeAs(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "partner", ExternalId = "acme-42" }, None);

        Assert.Equal("ExternalIdMismatch", missing.ErrorId);
        Assert.Equal("ExternalIdMismatch", wrong.ErrorId);
        Assert.EndsWith(":assumed-role/partner/alice", session.AssumedRoleArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_maximum_session_duration_lets_the_user_ask_for_a_longer_session()
    {
        var alice = await _sim.UserAsync("alice");
        await _sim.GrantAsync(ForUser("long", "alice") with { MaxSessionDuration = 14400 });

        var session = await _sim.AssumeAs(alice).AssumeAsync(new RoleAssumeRequest { RoleName = "long", DurationSeconds = 14400 }, None);

        Assert.Equal(Start.AddHours(4), session.Expiration);
    }
}

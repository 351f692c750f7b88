using System.Text.Json.Nodes;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.RoleGrant;
using IamOps.Simulator;
using IamOps.Tests.Simulator;

namespace IamOps.Tests.RoleGrant;

/// <summary>Revoke-IamRoleAssume's logic against the simulated account, as the cmdlet drives it: plan, then apply each change.</summary>
public sealed class RoleRevokeScenarioTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedRoleGrants _sim = new();

    private Task<RoleRevokePlan> RevokeAsync(RoleRevokeRequest request, bool apply = true) => _sim.RevokeAsync(request, apply);

    private static RoleRevokeRequest ForUser(string role, string user) => new() { RoleName = role, GranteeKind = RoleGranteeKind.User, Grantees = new[] { user } };

    private async Task<string> TrustAsync(string role) => (await _sim.Iam.GetRoleAsync(role, None)).AssumeRolePolicyDocument;

    private static bool SameJson(string left, string right) => JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right));

    [Fact]
    public async Task Revoking_a_user_grant_restores_the_exact_earlier_trust_policy_and_removes_the_permission()
    {
        var earlier = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"},"
            + "{\"Sid\":\"Partner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"acme-42\"}}}]}";
        await _sim.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "deployer", AssumeRolePolicyDocument = earlier }, None);
        await _sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        await _sim.GrantAsync(SimulatedRoleGrants.ForUser("deployer", "alice"));
        Assert.False(SameJson(earlier, await TrustAsync("deployer")));

        var plan = await RevokeAsync(ForUser("deployer", "alice"));

        Assert.Equal(RoleRevokeStatus.Revoked, plan.DoneStatus);
        Assert.True(SameJson(earlier, await TrustAsync("deployer")), await TrustAsync("deployer"));
        Assert.Empty(await IamLookup.ToListAsync(_sim.Iam.ListInlinePolicyNamesAsync(IdentityKind.User, "alice", None), None));
        Assert.Empty((await RevokeAsync(ForUser("deployer", "alice"))).Changes);
    }

    [Fact]
    public async Task The_account_stays_trusted_while_another_user_holds_the_permission()
    {
        await _sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        await _sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None);
        await _sim.GrantAsync(SimulatedRoleGrants.ForUser("deployer", "alice"));
        await _sim.GrantAsync(SimulatedRoleGrants.ForUser("deployer", "bob"));
        var trust = await TrustAsync("deployer");

        var plan = await RevokeAsync(ForUser("deployer", "alice"));

        Assert.Equal(trust, await TrustAsync("deployer"));
        Assert.Contains(plan.Warnings, w => w.Contains("user bob", StringComparison.Ordinal));
        Assert.Single(await IamLookup.ToListAsync(_sim.Iam.ListInlinePolicyNamesAsync(IdentityKind.User, "bob", None), None));
        Assert.Empty(await IamLookup.ToListAsync(_sim.Iam.ListInlinePolicyNamesAsync(IdentityKind.User, "alice", None), None));
    }

    [Fact]
    public async Task DeleteRole_removes_the_role_its_instance_profile_and_attachments_leaving_no_orphan()
    {
        _sim.Account.AddInstance("i-0123456789abcdef0");
        await _sim.GrantAsync(SimulatedRoleGrants.ForServices("app", "ec2.amazonaws.com") with { PolicyArns = new[] { "arn:aws:iam::aws:policy/AmazonRDSFullAccess" } });

        var whatIfCalls = await _sim.MutatingCallsOfAsync(() => RevokeAsync(new RoleRevokeRequest { RoleName = "app", GranteeKind = RoleGranteeKind.Service, Grantees = new[] { "ec2.amazonaws.com" }, DeleteRole = true }, apply: false));
        var plan = await RevokeAsync(new RoleRevokeRequest { RoleName = "app", GranteeKind = RoleGranteeKind.Service, Grantees = new[] { "ec2.amazonaws.com" }, DeleteRole = true });

        Assert.Equal(0, whatIfCalls);
        Assert.Equal(RoleRevokeStatus.RoleDeleted, plan.DoneStatus);
        await Expect.AwsError("NoSuchEntity", 404, () => _sim.Iam.GetRoleAsync("app", None));
        await Expect.AwsError("NoSuchEntity", 404, () => _sim.Iam.GetInstanceProfileAsync("app", None));
        Assert.DoesNotContain(_sim.Account.CallLog.Calls, c => c.Outcome == "DeleteConflict");
        Assert.Empty((await RevokeAsync(new RoleRevokeRequest { RoleName = "app", GranteeKind = RoleGranteeKind.Service, Grantees = new[] { "ec2.amazonaws.com" }, DeleteRole = true })).Changes);
    }

    [Fact]
    public async Task Revoking_the_only_user_keeps_the_account_trust_with_a_warning_and_DeleteRole_then_deletes_the_role()
    {
        await _sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        await _sim.GrantAsync(SimulatedRoleGrants.ForUser("deployer", "alice"));
        var trust = await TrustAsync("deployer");

        var plan = await RevokeAsync(ForUser("deployer", "alice"));
        var deleted = await RevokeAsync(ForUser("deployer", "alice") with { DeleteRole = true });

        Assert.Equal(RoleRevokeStatus.Revoked, plan.DoneStatus);
        Assert.Contains(plan.Warnings, w => w.Contains("-DeleteRole", StringComparison.Ordinal));
        Assert.Equal(RoleRevokeStatus.RoleDeleted, deleted.DoneStatus);
        await Expect.AwsError("NoSuchEntity", 404, () => _sim.Iam.GetRoleAsync("deployer", None));
        Assert.NotEmpty(trust);
    }

    [Fact]
    public async Task DeleteRole_alone_deletes_a_role_whose_last_grant_was_revoked()
    {
        await _sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        await _sim.GrantAsync(SimulatedRoleGrants.ForUser("deployer", "alice") with { PolicyArns = new[] { "arn:aws:iam::aws:policy/ReadOnlyAccess" } });
        await RevokeAsync(ForUser("deployer", "alice"));
        var alone = new RoleRevokeRequest { RoleName = "deployer", DeleteRole = true };

        var whatIfCalls = await _sim.MutatingCallsOfAsync(() => RevokeAsync(alone, apply: false));
        var plan = await RevokeAsync(alone);

        Assert.Equal(0, whatIfCalls);
        Assert.Equal(RoleRevokeStatus.RoleDeleted, plan.DoneStatus);
        Assert.Contains(plan.Changes, c => c.Description.StartsWith("Detach managed policy arn:aws:iam::aws:policy/ReadOnlyAccess", StringComparison.Ordinal));
        await Expect.AwsError("NoSuchEntity", 404, () => _sim.Iam.GetRoleAsync("deployer", None));
        Assert.DoesNotContain(_sim.Account.CallLog.Calls, c => c.Outcome == "DeleteConflict");
        Assert.Empty((await RevokeAsync(alone)).Changes);
    }

    [Fact]
    public async Task DeleteRole_alone_leaves_a_role_someone_still_holds_or_trusts_exactly_as_it_was()
    {
        await _sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None);
        await _sim.GrantAsync(SimulatedRoleGrants.ForUser("deployer", "bob"));
        await _sim.GrantAsync(SimulatedRoleGrants.ForAccounts("audit", "210987654321"));
        var deployerTrust = await TrustAsync("deployer");
        var auditTrust = await TrustAsync("audit");

        var held = await RevokeAsync(new RoleRevokeRequest { RoleName = "deployer", DeleteRole = true });
        var trusted = await RevokeAsync(new RoleRevokeRequest { RoleName = "audit", DeleteRole = true });

        Assert.Empty(held.Changes);
        Assert.Empty(trusted.Changes);
        Assert.Equal(deployerTrust, await TrustAsync("deployer"));
        Assert.Equal(auditTrust, await TrustAsync("audit"));
        Assert.Contains(held.Warnings, w => w.Contains("user bob", StringComparison.Ordinal));
        Assert.Contains(trusted.Warnings, w => w.Contains("is not deleted", StringComparison.Ordinal) && w.Contains("210987654321", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Removing_the_last_principal_without_DeleteRole_is_a_clear_error()
    {
        await _sim.GrantAsync(SimulatedRoleGrants.ForAccounts("audit", "210987654321"));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => RevokeAsync(new RoleRevokeRequest { RoleName = "audit", GranteeKind = RoleGranteeKind.Account, Grantees = new[] { "210987654321" } }));

        Assert.Equal("RoleTrustWouldBeEmpty", error.ErrorId);
        Assert.Contains("-DeleteRole", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeSessions_refuses_a_session_issued_before_it_and_a_new_session_works()
    {
        var alice = await _sim.UserAsync("alice");
        await _sim.GrantAsync(SimulatedRoleGrants.ForUser("deployer", "alice") with { PolicyArns = new[] { "arn:aws:iam::aws:policy/ReadOnlyAccess" } });
        _sim.Clock.Advance(TimeSpan.FromMinutes(1));
        var roleArn = (await _sim.Iam.GetRoleAsync("deployer", None)).Arn;
        async Task<SimulatorConnection> SessionAsync()
        {
            var session = await alice.Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "alice" }, None);
            return _sim.Account.Connect(new SimulatorCredentials(session.Credentials.AccessKeyId, session.Credentials.SecretAccessKey, session.Credentials.SessionToken));
        }

        var old = await SessionAsync();
        await old.Iam.GetRoleAsync("deployer", None);
        _sim.Clock.Advance(TimeSpan.FromSeconds(1));

        var plan = await RevokeAsync(new RoleRevokeRequest { RoleName = "deployer", RevokeSessions = true });
        _sim.Clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await SessionAsync();

        Assert.Equal(RoleRevokeStatus.Revoked, plan.DoneStatus);
        var denied = await Expect.AwsError("AccessDenied", 403, () => old.Iam.GetRoleAsync("deployer", None));
        Assert.Contains("explicit deny", denied.Message, StringComparison.Ordinal);
        Assert.Equal("deployer", (await fresh.Iam.GetRoleAsync("deployer", None)).RoleName);
        Assert.Contains(RoleRevokePlanner.RevokeSessionsPolicyName, await IamLookup.ToListAsync(_sim.Iam.ListInlinePolicyNamesAsync(IdentityKind.Role, "deployer", None), None));
        // The fresh session was issued after the cutoff: revoking again moves it; with no new session since, a re-run changes nothing.
        _sim.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single((await RevokeAsync(new RoleRevokeRequest { RoleName = "deployer", RevokeSessions = true })).Changes);
        Assert.Empty((await RevokeAsync(new RoleRevokeRequest { RoleName = "deployer", RevokeSessions = true })).Changes);
        await Expect.AwsError("AccessDenied", 403, () => fresh.Iam.GetRoleAsync("deployer", None));
    }

    [Fact]
    public void Nothing_to_revoke_is_refused_offline()
    {
        var error = Assert.Throws<IamOpsException>(() => RoleRevokePlanner.Validate(new RoleRevokeRequest { RoleName = "deployer" }));
        Assert.Equal("GranteeMissing", error.ErrorId);
        Assert.Equal("RoleNameInvalid", Assert.Throws<IamOpsException>(() => RoleRevokePlanner.Validate(new RoleRevokeRequest { RoleName = "bad role", RevokeSessions = true })).ErrorId);
    }
}

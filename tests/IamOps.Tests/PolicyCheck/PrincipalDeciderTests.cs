using IamOps.Aws;
using IamOps.Policy;
using IamOps.PolicyCheck;
using IamOps.Simulator;

namespace IamOps.Tests.PolicyCheck;

/// <summary>Principal mode against the simulated account: the policies come from the account through the IAM port.</summary>
public sealed class PrincipalDeciderTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IIam _iam = new SimulatedAccount("111122223333").Connect().Iam;

    private static DecisionRequest Ask(params string[] actions) => new() { Actions = actions, Resources = new[] { "arn:aws:s3:::reports/q1.csv" } };

    private async Task<string> ManagedPolicy(string name, string document) =>
        (await _iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = name, PolicyDocument = document }, None)).Arn;

    [Fact]
    public async Task A_user_is_decided_from_its_inline_and_managed_policies_and_its_groups()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        await _iam.PutInlinePolicyAsync(IdentityKind.User, "alice", "read", Policies.Allow("s3:GetObject", "arn:aws:s3:::reports/*"), None);
        await _iam.AttachPolicyAsync(IdentityKind.User, "alice", await ManagedPolicy("list", Policies.Allow("s3:ListBucket")), None);
        await _iam.CreateGroupAsync("writers", null, None);
        await _iam.AddUserToGroupAsync("writers", "alice", None);
        await _iam.PutInlinePolicyAsync(IdentityKind.Group, "writers", "write", Policies.Allow("s3:PutObject", "arn:aws:s3:::reports/*"), None);

        var decisions = (await new PrincipalDecider(_iam).DecideAsync(IdentityKind.User, "alice", Ask("s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:DeleteObject"), remote: false, None)).Decisions;

        Assert.Equal(
            new[] { EvaluationDecision.Allowed, EvaluationDecision.Allowed, EvaluationDecision.Allowed, EvaluationDecision.ImplicitDeny },
            decisions.Select(d => d.Decision));
        Assert.All(decisions, d => Assert.Equal("arn:aws:iam::111122223333:user/alice", d.Principal));
        Assert.Equal("inline:user/alice/read", Assert.Single(decisions[0].MatchedStatements).PolicyId);
        Assert.Equal("arn:aws:iam::111122223333:policy/list", Assert.Single(decisions[1].MatchedStatements).PolicyId);
        Assert.Equal("inline:group/writers/write", Assert.Single(decisions[2].MatchedStatements).PolicyId);
    }

    [Fact]
    public async Task A_users_permissions_boundary_limits_what_its_policies_allow()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "bob", PermissionsBoundaryArn = await ManagedPolicy("only-get", Policies.Allow("s3:GetObject")) }, None);
        await _iam.PutInlinePolicyAsync(IdentityKind.User, "bob", "s3", Policies.Allow("s3:*"), None);

        var decisions = (await new PrincipalDecider(_iam).DecideAsync(IdentityKind.User, "bob", Ask("s3:GetObject", "s3:PutObject"), remote: false, None)).Decisions;

        Assert.Equal(new[] { EvaluationDecision.Allowed, EvaluationDecision.ImplicitDeny }, decisions.Select(d => d.Decision));
    }

    [Fact]
    public async Task A_role_and_a_group_are_decided_from_their_own_policies()
    {
        var trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "app", AssumeRolePolicyDocument = trust }, None);
        await _iam.AttachPolicyAsync(IdentityKind.Role, "app", await ManagedPolicy("read", Policies.Allow("s3:GetObject")), None);
        await _iam.PutInlinePolicyAsync(IdentityKind.Role, "app", "no-reports", Policies.Deny("s3:*", "arn:aws:s3:::reports/*"), None);
        await _iam.CreateGroupAsync("readers", null, None);
        await _iam.PutInlinePolicyAsync(IdentityKind.Group, "readers", "read", Policies.Allow("s3:GetObject"), None);

        var decider = new PrincipalDecider(_iam);
        var role = Assert.Single((await decider.DecideAsync(IdentityKind.Role, "app", Ask("s3:GetObject"), remote: false, None)).Decisions);
        var group = Assert.Single((await decider.DecideAsync(IdentityKind.Group, "readers", Ask("s3:GetObject"), remote: false, None)).Decisions);

        Assert.Equal((EvaluationDecision.ExplicitDeny, "arn:aws:iam::111122223333:role/app"), (role.Decision, role.Principal));
        Assert.Equal("inline:role/app/no-reports", Assert.Single(role.MatchedStatements).PolicyId);
        Assert.Equal((EvaluationDecision.Allowed, "arn:aws:iam::111122223333:group/readers"), (group.Decision, group.Principal));
    }

    [Fact]
    public async Task An_unknown_principal_is_ObjectNotFound()
    {
        var failure = await Assert.ThrowsAsync<IamOpsException>(() => new PrincipalDecider(_iam).DecideAsync(IdentityKind.User, "nobody", Ask("s3:GetObject"), remote: false, None));

        Assert.Equal(FailureKind.ObjectNotFound, failure.Kind);
    }

    [Fact]
    public async Task Remote_asks_the_accounts_simulator_which_the_sandbox_runs_on_the_same_engine()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "carol" }, None);
        await _iam.PutInlinePolicyAsync(IdentityKind.User, "carol", "read", Policies.Allow("s3:GetObject", "arn:aws:s3:::reports/*"), None);

        var remote = (await new PrincipalDecider(_iam).DecideAsync(IdentityKind.User, "carol", Ask("s3:GetObject", "s3:PutObject"), remote: true, None)).Decisions;
        var local = (await new PrincipalDecider(_iam).DecideAsync(IdentityKind.User, "carol", Ask("s3:GetObject", "s3:PutObject"), remote: false, None)).Decisions;

        Assert.Equal(new[] { EvaluationDecision.Allowed, EvaluationDecision.ImplicitDeny }, remote.Select(d => d.Decision));
        Assert.Equal(local.Select(d => d.Decision), remote.Select(d => d.Decision));
    }
}

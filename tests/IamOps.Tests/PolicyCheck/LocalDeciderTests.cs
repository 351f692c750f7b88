using IamOps.Policy;
using IamOps.PolicyCheck;

namespace IamOps.Tests.PolicyCheck;

public sealed class LocalDeciderTests
{
    [Fact]
    public void One_decision_per_action_and_resource_in_order()
    {
        var decisions = LocalDecider.Decide(new DecisionRequest
        {
            Actions = new[] { "s3:GetObject", "s3:PutObject" },
            Resources = new[] { "arn:aws:s3:::a/1", "arn:aws:s3:::b/1" },
            IdentityPolicies = new[] { SourcedPolicy.FromJson("p", Policies.Allow("s3:GetObject", "arn:aws:s3:::a/*", "ReadA")) },
        }).Decisions;

        Assert.Equal(
            new[] { ("s3:GetObject", "arn:aws:s3:::a/1", EvaluationDecision.Allowed), ("s3:GetObject", "arn:aws:s3:::b/1", EvaluationDecision.ImplicitDeny), ("s3:PutObject", "arn:aws:s3:::a/1", EvaluationDecision.ImplicitDeny), ("s3:PutObject", "arn:aws:s3:::b/1", EvaluationDecision.ImplicitDeny) },
            decisions.Select(d => (d.Action, d.Resource, d.Decision)));
        var allowing = Assert.Single(decisions[0].MatchedStatements);
        Assert.Equal(("p", "Identity", 0, "ReadA", false), (allowing.PolicyId, allowing.PolicyKind, allowing.StatementIndex!.Value, allowing.Sid!, allowing.IsDeny!.Value));
        Assert.All(decisions, d => Assert.Equal(DecisionRequest.DefaultPrincipalArn, d.Principal));
        Assert.All(decisions, d => Assert.False(d.Remote));
    }

    [Fact]
    public void A_boundary_session_policy_and_control_policy_each_limit_the_grant()
    {
        var request = new DecisionRequest
        {
            Actions = new[] { "s3:GetObject" },
            IdentityPolicies = new[] { SourcedPolicy.FromJson("admin", Policies.Admin) },
        };

        Assert.Equal(EvaluationDecision.Allowed, LocalDecider.Decide(request).Decisions[0].Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, LocalDecider.Decide(request with { PermissionsBoundary = SourcedPolicy.FromJson("b", Policies.Allow("ec2:*")) }).Decisions[0].Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, LocalDecider.Decide(request with { SessionPolicy = SourcedPolicy.FromJson("s", Policies.Allow("ec2:*")) }).Decisions[0].Decision);
        var denied = LocalDecider.Decide(request with { ServiceControlLevels = new[] { new[] { SourcedPolicy.FromJson("scp", Policies.Admin), SourcedPolicy.FromJson("deny-s3", Policies.Deny("s3:*")) } } }).Decisions[0];
        Assert.Equal(EvaluationDecision.ExplicitDeny, denied.Decision);
        Assert.Equal("deny-s3", Assert.Single(denied.MatchedStatements).PolicyId);
    }

    [Fact]
    public void A_resource_policy_naming_the_principal_grants_alone()
    {
        var bucketPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/PolicyTester"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}""";

        var decision = LocalDecider.Decide(new DecisionRequest { Actions = new[] { "s3:GetObject" }, Resources = new[] { "arn:aws:s3:::shared/x" }, ResourcePolicy = SourcedPolicy.FromJson("bucket", bucketPolicy) }).Decisions[0];

        Assert.Equal(EvaluationDecision.Allowed, decision.Decision);
        Assert.Equal("Resource", Assert.Single(decision.MatchedStatements).PolicyKind);
    }

    [Fact]
    public void Context_keys_decide_conditions_and_absent_ones_are_reported_missing()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":["red","blue"]}}}]}""";
        var request = new DecisionRequest { Actions = new[] { "s3:GetObject" }, IdentityPolicies = new[] { SourcedPolicy.FromJson("p", policy) } };

        var withTag = LocalDecider.Decide(request with { Context = new Dictionary<string, IReadOnlyList<string>> { ["aws:principaltag/team"] = new[] { "blue" } } }).Decisions[0];
        var without = LocalDecider.Decide(request).Decisions[0];

        Assert.Equal(EvaluationDecision.Allowed, withTag.Decision);
        Assert.Equal(EvaluationDecision.ImplicitDeny, without.Decision);
        Assert.Contains("aws:PrincipalTag/team", without.MissingContextKeys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_malformed_policy_stops_the_decision_with_its_findings()
    {
        var outcome = LocalDecider.Decide(new DecisionRequest
        {
            Actions = new[] { "s3:GetObject" },
            IdentityPolicies = new[] { SourcedPolicy.FromJson("good", Policies.Admin), SourcedPolicy.FromJson("broken.json", "{\"Version\": ") },
        });

        Assert.Empty(outcome.Decisions);
        var failure = Assert.Single(outcome.Failures);
        Assert.Equal("PolicyDocumentMalformed", failure.ErrorId);
        var finding = Assert.IsType<PolicyCheckFinding>(failure.Target);
        Assert.Equal(("broken.json", PolicyCheckIds.JsonSyntaxError), (finding.Source, finding.CheckId));
        Assert.True(finding.Line > 0 && finding.Column > 0);
        Assert.Contains(PolicyCheckIds.JsonSyntaxError, failure.Message, StringComparison.Ordinal);
    }
}

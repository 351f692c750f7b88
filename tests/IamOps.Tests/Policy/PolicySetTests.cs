using IamOps.Policy;

namespace IamOps.Tests.Policy;

public class PolicySetTests
{
    private const string Alice = "arn:aws:iam::111122223333:user/alice";

    private static CompiledPolicy Policy(string json, string id = "p") => CompiledPolicy.Compile(json, id);

    [Fact]
    public void Explanation_lists_the_denying_statements_with_their_policy_and_sid()
    {
        var set = new PolicySet(new[]
        {
            Policy("""{"Version":"2012-10-17","Statement":[{"Sid":"All","Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", "allow"),
            Policy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"},{"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}""", "guard"),
        });

        var decision = set.Evaluate(new AuthorizationRequest(Alice, "s3:DeleteObject", "arn:aws:s3:::b/k"));

        Assert.Equal(EvaluationDecision.ExplicitDeny, decision.Decision);
        var matched = Assert.Single(decision.MatchedStatements);
        Assert.Equal("guard", matched.PolicyId);
        Assert.Equal(1, matched.StatementIndex);
        Assert.Equal("NoDelete", matched.Sid);
        Assert.Equal(PolicySource.Identity, matched.Source);
    }

    [Fact]
    public void Explanation_lists_the_allowing_statements()
    {
        var set = new PolicySet(new[] { Policy("""{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:Get*","Resource":"*"},{"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""") },
            permissionsBoundary: Policy("""{"Version":"2012-10-17","Statement":{"Sid":"Max","Effect":"Allow","Action":"s3:*","Resource":"*"}}""", "boundary"));

        var decision = set.Evaluate(new AuthorizationRequest(Alice, "s3:GetObject", "arn:aws:s3:::b/k"));

        Assert.Equal(EvaluationDecision.Allowed, decision.Decision);
        Assert.Equal(new[] { "A", "B", "Max" }, decision.MatchedStatements.Select(s => s.Sid));
        Assert.Equal(PolicySource.PermissionsBoundary, decision.MatchedStatements[2].Source);
    }

    [Fact]
    public void Missing_context_keys_are_reported_for_statements_that_match_action_and_resource()
    {
        var set = new PolicySet(new[] { Policy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Bool":{"aws:SecureTransport":"true"}}},{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringEquals":{"ec2:Region":"us-east-1"}}}]}""") });

        var decision = set.Evaluate(new AuthorizationRequest(Alice, "s3:GetObject", "arn:aws:s3:::b/k", new RequestContext().Set("aws:SecureTransport", "true")));

        Assert.Equal(EvaluationDecision.ImplicitDeny, decision.Decision);
        Assert.Equal(new[] { "aws:SourceIp" }, decision.MissingContextKeys);
    }

    [Fact]
    public void Decide_and_evaluate_agree_and_the_plan_cache_is_per_action_case_insensitive()
    {
        var set = new PolicySet(new[] { Policy("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""") });

        Assert.Equal(EvaluationDecision.Allowed, set.Decide(new AuthorizationRequest(Alice, "s3:GetObject")));
        Assert.Equal(EvaluationDecision.Allowed, set.Decide(new AuthorizationRequest(Alice, "S3:GETOBJECT")));
        Assert.Equal(EvaluationDecision.ImplicitDeny, set.Evaluate(new AuthorizationRequest(Alice, "s3:PutObject")).Decision);
    }

    [Fact]
    public void Concurrent_decisions_agree_with_sequential_ones()
    {
        var set = new PolicySet(new[] { Policy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"},{"Effect":"Deny","Action":"s3:Delete*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}""") });
        var requests = Enumerable.Range(0, 400).Select(i => new AuthorizationRequest(
            $"arn:aws:iam::111122223333:user/u{i % 7}", i % 3 == 0 ? "s3:DeleteObject" : $"s3:Get{i % 5}", $"arn:aws:s3:::b/u{i % 5}/k",
            new RequestContext().Set("aws:SourceIp", i % 2 == 0 ? "10.1.1.1" : "192.0.2.1"))).ToArray();
        var sequential = requests.Select(set.Decide).ToArray();

        var parallel = requests.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(set.Decide).ToArray();

        Assert.Equal(sequential, parallel);
        Assert.Contains(EvaluationDecision.Allowed, sequential);
        Assert.Contains(EvaluationDecision.ExplicitDeny, sequential);
        Assert.Contains(EvaluationDecision.ImplicitDeny, sequential);
    }

    [Fact]
    public void Statements_iam_would_reject_never_apply()
    {
        var set = new PolicySet(new[] { Policy("""{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"*","Resource":"*"},{"Action":"*","Resource":"*"},{"Effect":"Allow","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"aws:username":"alice"}}}]}""") });

        Assert.Equal(EvaluationDecision.ImplicitDeny, set.Decide(new AuthorizationRequest(Alice, "s3:GetObject")));
    }

    [Fact]
    public void Identity_statement_without_resource_and_resource_statement_without_principal_never_apply()
    {
        var set = new PolicySet(
            new[] { Policy("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject"}}""") },
            resourcePolicy: Policy("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}}"""));
        var trust = new PolicySet(Array.Empty<CompiledPolicy>(), resourcePolicy: Policy("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}"""));

        Assert.Equal(EvaluationDecision.ImplicitDeny, set.Decide(new AuthorizationRequest(Alice, "s3:GetObject", "arn:aws:s3:::b/k")));
        Assert.Equal(EvaluationDecision.ImplicitDeny, set.Decide(new AuthorizationRequest(Alice, "s3:PutObject", "arn:aws:s3:::b/k")));
        Assert.Equal(EvaluationDecision.Allowed, trust.Decide(new AuthorizationRequest("ec2.amazonaws.com", "sts:AssumeRole", "arn:aws:iam::111122223333:role/r")));
    }

    [Fact]
    public void Compile_rejects_malformed_json_with_the_syntax_error()
    {
        var error = Assert.Throws<ArgumentException>(() => CompiledPolicy.Compile("{\"Statement\": [", "broken"));

        Assert.Contains(PolicyCheckIds.JsonSyntaxError, error.Message);
        Assert.Contains("broken", error.Message);
    }
}

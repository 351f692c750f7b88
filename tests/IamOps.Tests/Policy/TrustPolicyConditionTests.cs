using IamOps.Policy;
using IamOps.Tests.Simulator;

namespace IamOps.Tests.Policy;

/// <summary>
/// The trust side of AssumeRole as the sandbox asks it (the caller's own policies allow everything, so only the trust
/// policy decides): principals, actions and conditions of trust policies, through the one policy engine.
/// </summary>
public sealed class TrustPolicyConditionTests
{
    private const string Account = "111122223333";
    private const string Alice = $"arn:aws:iam::{Account}:user/alice";
    private static readonly CompiledPolicy Everything = CompiledPolicy.Compile("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""");

    private static bool Allows(string condition, Dictionary<string, string[]> context, string principal = "{\"AWS\":\"111122223333\"}", string action = "sts:AssumeRole") =>
        TrustAllows(Expect.Trust(principal, condition), action, context);

    private static bool TrustAllows(string trust, string action, Dictionary<string, string[]> context)
    {
        var request = new RequestContext();
        foreach (var entry in context)
        {
            request.Set(entry.Key, entry.Value);
        }

        var set = new PolicySet(new[] { Everything }, resourcePolicy: CompiledPolicy.Compile(trust, "trust"));
        return set.Decide(new AuthorizationRequest(Alice, action, $"arn:aws:iam::{Account}:role/target", request)) == EvaluationDecision.Allowed;
    }

    private static Dictionary<string, string[]> Context(params (string Key, string[] Values)[] entries) => entries.ToDictionary(e => e.Key, e => e.Values);

    [Theory]
    [InlineData("\"*\"", true)]
    [InlineData("{\"AWS\":\"*\"}", true)]
    [InlineData("{\"AWS\":\"111122223333\"}", true)]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", true)]
    [InlineData("{\"AWS\":[\"arn:aws:iam::999999999999:root\",\"arn:aws:iam::111122223333:user/alice\"]}", true)]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:user/bob\"}", false)]
    [InlineData("{\"AWS\":\"arn:aws:iam::999999999999:root\"}", false)]
    [InlineData("{\"Service\":\"lambda.amazonaws.com\"}", false)]
    [InlineData("{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/idp\"}", false)]
    public void Principal_must_name_the_caller_its_account_or_everyone(string principal, bool expected) =>
        Assert.Equal(expected, Allows(string.Empty, Context(), principal));

    [Theory]
    [InlineData("sts:AssumeRole", "sts:AssumeRole", true)]
    [InlineData("sts:*", "sts:TagSession", true)]
    [InlineData("STS:assumerole", "sts:AssumeRole", true)]
    [InlineData("sts:AssumeRole", "sts:TagSession", false)]
    public void Actions_match_ignoring_case_and_with_wildcards(string policyAction, string requested, bool expected) =>
        Assert.Equal(expected, TrustAllows(Expect.Trust("\"*\"", action: policyAction), requested, Context()));

    [Fact]
    public void String_operators_compare_case_as_documented()
    {
        var context = Context(("sts:ExternalId", new[] { "Abc-123" }));
        Assert.True(Allows("""{"StringEquals":{"sts:ExternalId":"Abc-123"}}""", context));
        Assert.False(Allows("""{"StringEquals":{"sts:ExternalId":"abc-123"}}""", context));
        Assert.True(Allows("""{"StringEqualsIgnoreCase":{"sts:ExternalId":"abc-123"}}""", context));
        Assert.True(Allows("""{"StringLike":{"sts:ExternalId":"Abc-*"}}""", context));
        Assert.True(Allows("""{"StringNotEquals":{"sts:ExternalId":["x","y"]}}""", context));
        Assert.False(Allows("""{"StringNotLike":{"sts:ExternalId":"A?c-*"}}""", context));
        Assert.True(Allows("""{"StringEquals":{"STS:EXTERNALID":["nope","Abc-123"]}}""", context));
    }

    [Fact]
    public void Missing_keys_fail_positive_operators_and_pass_negated_IfExists_and_Null_true()
    {
        var none = Context();
        Assert.False(Allows("""{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""", none));
        Assert.True(Allows("""{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}""", none));
        Assert.True(Allows("""{"StringNotEquals":{"sts:ExternalId":"x"}}""", none));
        Assert.True(Allows("""{"Null":{"sts:ExternalId":"true"}}""", none));
        Assert.False(Allows("""{"Null":{"sts:ExternalId":"false"}}""", none));
        Assert.True(Allows("""{"Bool":{"aws:MultiFactorAuthPresent":true}}""", Context(("aws:MultiFactorAuthPresent", new[] { "true" }))));
    }

    [Fact]
    public void Multivalued_keys_use_ForAnyValue_and_ForAllValues()
    {
        var tags = Context(("aws:TagKeys", new[] { "team", "env" }));
        Assert.True(Allows("""{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}""", tags));
        Assert.False(Allows("""{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}""", tags));
        Assert.True(Allows("""{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team","cost"]}}""", tags));
        Assert.True(Allows("""{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}""", Context()));
        Assert.False(Allows("""{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}""", Context()));
    }

    [Fact]
    public void Arn_and_numeric_operators_and_all_conditions_must_hold()
    {
        var context = Context(("aws:PrincipalArn", new[] { Alice }), ("sts:DurationSeconds", new[] { "900" }));
        Assert.True(Allows("""{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/a*"}}""", context));
        Assert.False(Allows("""{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*"}}""", context));
        Assert.True(Allows("""{"NumericLessThanEquals":{"sts:DurationSeconds":"3600"}}""", context));
        Assert.False(Allows("""{"NumericGreaterThan":{"sts:DurationSeconds":"not-a-number"}}""", context));
        Assert.False(Allows("""{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/a*"},"NumericGreaterThan":{"sts:DurationSeconds":"3600"}}""", context));
        var now = Context(("aws:CurrentTime", new[] { "2026-01-01T00:00:00Z" }));
        Assert.True(Allows("""{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}""", now));
        Assert.False(Allows("""{"DateGreaterThan":{"aws:CurrentTime":"1893456000"}}""", now));
        Assert.True(Allows("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""", Context(("aws:SourceIp", new[] { "10.1.2.3" }))));
        Assert.False(Allows("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""", Context(("aws:SourceIp", new[] { "192.0.2.1" }))));
    }
}

using IamOps.Roles;

namespace IamOps.Tests.Roles;

/// <summary>Grant-IamRoleAssume's RequireMfa reports what the trust policy requires, not what the last call asked for.</summary>
public sealed class TrustRequirementTests
{
    private static readonly RoleTrustRequest Account = new() { RoleName = "deployer", Principals = new[] { TrustPrincipal.Aws("111122223333", "aws") } };

    private static string Trust(params string[] conditions) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", conditions.Select(c =>
            "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"" + (c.Length == 0 ? string.Empty : ",\"Condition\":" + c) + "}")) + "]}";

    [Fact]
    public void A_trust_whose_every_statement_for_the_principal_requires_mfa_requires_it()
    {
        Assert.True(TrustPolicy.Requires(Trust("""{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"""), Account, TrustCondition.RequireMfa()));
    }

    [Fact]
    public void A_looser_statement_beside_it_means_mfa_is_not_required()
    {
        Assert.False(TrustPolicy.Requires(Trust("""{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""", string.Empty), Account, TrustCondition.RequireMfa()));
        Assert.False(TrustPolicy.Requires(Trust(string.Empty), Account, TrustCondition.RequireMfa()));
    }
}

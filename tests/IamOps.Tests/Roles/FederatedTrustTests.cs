using IamOps.Roles;

namespace IamOps.Tests.Roles;

/// <summary>The subjects and conditions of federated grants (Grant-IamRoleAssume -GitHubRepository and kin).</summary>
public sealed class FederatedTrustTests
{
    [Theory]
    [InlineData("main", null, null, false, "repo:acme/app:ref:refs/heads/main", "StringEquals")]
    [InlineData(null, "production", null, false, "repo:acme/app:environment:production", "StringEquals")]
    [InlineData(null, null, "v1.2.0", false, "repo:acme/app:ref:refs/tags/v1.2.0", "StringEquals")]
    [InlineData(null, null, null, true, "repo:acme/app:pull_request", "StringEquals")]
    [InlineData(null, null, null, false, "repo:acme/app:*", "StringLike")]
    public void GitHub_subjects_follow_the_documented_forms_with_StringLike_only_for_a_wildcard(string? branch, string? environment, string? tag, bool pullRequest, string subject, string op)
    {
        var trust = FederatedTrust.GitHub("acme/app", branch, environment, tag, pullRequest, null);

        var conditions = trust.Conditions();

        Assert.Equal(new TrustCondition("StringEquals", "token.actions.githubusercontent.com:aud", "sts.amazonaws.com").ToString(), conditions[0].ToString());
        Assert.Equal(("token.actions.githubusercontent.com:sub", op, subject), (conditions[1].Key, conditions[1].Operator, conditions[1].Values.Single()));
        Assert.Equal("sts:AssumeRoleWithWebIdentity", trust.Action);
        Assert.Equal("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", trust.ProviderArn("aws", "111122223333"));
    }

    [Theory]
    [InlineData("app")]
    [InlineData("/app")]
    [InlineData("acme/")]
    [InlineData("acme/app/extra")]
    public void A_repository_without_an_owner_is_refused(string repository)
    {
        Assert.Equal("GitHubRepositoryInvalid", Assert.Throws<IamOpsException>(() => FederatedTrust.GitHub(repository, "main", null, null, false, null)).ErrorId);
    }

    [Fact]
    public void GitLab_Azure_DevOps_and_SAML_trusts_carry_their_issuer_audience_and_subject()
    {
        var gitlab = FederatedTrust.GitLab("acme/platform/app", "main", null, null);
        var ado = FederatedTrust.AzureDevOps("contoso/web/aws-prod", "6C0A8A5E-1F3B-4C8E-9D2A-0123456789AB", null);
        var saml = FederatedTrust.Saml("arn:aws:iam::111122223333:saml-provider/Okta");

        Assert.Equal("project_path:acme/platform/app:ref_type:branch:ref:main", gitlab.Subject);
        Assert.Equal("https://gitlab.com", gitlab.Audience);
        Assert.Equal("vstoken.dev.azure.com/6c0a8a5e-1f3b-4c8e-9d2a-0123456789ab", ado.IssuerHostPath);
        Assert.Equal(("sc://contoso/web/aws-prod", "api://AzureADTokenExchange"), (ado.Subject, ado.Audience));
        Assert.Equal("sts:AssumeRoleWithSAML", saml.Action);
        Assert.Equal("SAML:aud", Assert.Single(saml.Conditions()).Key);
    }
}

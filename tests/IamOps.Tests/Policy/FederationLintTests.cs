using IamOps.Policy;

namespace IamOps.Tests.Policy;

/// <summary>Trust policies federating a CI provider must name the repository or project (issue 18, deliverable 3).</summary>
public class FederationLintTests
{
    private const string GitHub = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    private const string GitLab = "arn:aws:iam::111122223333:oidc-provider/gitlab.com";
    private const string SelfManagedGitLab = "arn:aws:iam::111122223333:oidc-provider/gitlab.example.com";
    private const string AzureDevOps = "arn:aws:iam::111122223333:oidc-provider/vstoken.dev.azure.com/6c0a8a5e-0000-4000-8000-00000000aaaa";
    private static readonly PolicyValidationOptions Trust = new() { PolicyType = PolicyType.Trust };

    private static string TrustPolicy(string provider, string condition)
        => $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"{{provider}}"},"Action":"sts:AssumeRoleWithWebIdentity"{{(condition.Length == 0 ? "" : ",\"Condition\":" + condition)}}}]}""";

    private static PolicyFinding[] Findings(string json, string checkId)
        => PolicyValidator.Validate(json, Trust).Where(f => f.CheckId == checkId).ToArray();

    [Fact]
    public void GitHub_trust_whose_sub_is_repo_star_is_a_security_warning_with_the_fix()
    {
        var json = TrustPolicy(GitHub, """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}""");

        var finding = Assert.Single(Findings(json, PolicyCheckIds.FederatedCiSubjectTooBroad));

        Assert.Equal(FindingSeverity.SecurityWarning, finding.Severity);
        Assert.Contains("every GitHub repository", finding.Message);
        Assert.Contains("repo:<owner>/<repo>:ref:refs/heads/main", finding.Message);
        Assert.True(finding.Line > 0);
    }

    [Theory]
    [InlineData(GitHub, "token.actions.githubusercontent.com")]
    [InlineData(GitLab, "gitlab.com")]
    [InlineData(SelfManagedGitLab, "gitlab.example.com")]
    [InlineData(AzureDevOps, "vstoken.dev.azure.com/6c0a8a5e-0000-4000-8000-00000000aaaa")]
    public void CI_trust_without_a_sub_condition_is_a_security_warning(string provider, string host)
    {
        var json = TrustPolicy(provider, $$$"""{"StringEquals":{"{{{host}}}:aud":"x"}}""");

        var finding = Assert.Single(Findings(json, PolicyCheckIds.FederatedCiWithoutSubject));

        Assert.Equal(FindingSeverity.SecurityWarning, finding.Severity);
        Assert.Contains(host + ":sub", finding.Message);
        Assert.Empty(Findings(json, PolicyCheckIds.FederatedCiWithoutAudience));
    }

    [Theory]
    [InlineData("StringLike", "token.actions.githubusercontent.com", "*")]
    [InlineData("StringLike", "token.actions.githubusercontent.com", "repo:*/*:ref:refs/heads/main")]
    [InlineData("StringLike", "token.actions.githubusercontent.com", "repo:*")]
    [InlineData("StringEqualsIgnoreCase", "token.actions.githubusercontent.com", "*")]
    [InlineData("StringLike", "gitlab.com", "project_path:*")]
    [InlineData("StringLike", "vstoken.dev.azure.com/6c0a8a5e-0000-4000-8000-00000000aaaa", "sc://*")]
    public void Sub_matching_every_repository_or_project_is_flagged(string op, string host, string pattern)
    {
        var provider = "arn:aws:iam::111122223333:oidc-provider/" + host;
        var json = TrustPolicy(provider, $$$"""{"StringEquals":{"{{{host}}}:aud":"x"},"{{{op}}}":{"{{{host}}}:sub":"{{{pattern}}}"}}""");

        var flagged = Findings(json, PolicyCheckIds.FederatedCiSubjectTooBroad);

        // StringEqualsIgnoreCase compares "*" literally: it matches no real subject, so it is not too broad.
        Assert.Equal(op == "StringLike" ? 1 : 0, flagged.Length);
    }

    [Theory]
    [InlineData("StringEquals", "repo:acme/app:ref:refs/heads/main")]
    [InlineData("StringLike", "repo:acme/app:*")]
    [InlineData("StringLike", "repo:acme/*")]
    public void Sub_naming_the_owner_passes(string op, string pattern)
    {
        const string Aud = "\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"";
        var sub = $"\"token.actions.githubusercontent.com:sub\":\"{pattern}\"";
        var condition = op == "StringEquals" ? $"{{\"StringEquals\":{{{Aud},{sub}}}}}" : $"{{\"StringEquals\":{{{Aud}}},\"{op}\":{{{sub}}}}}";
        var json = TrustPolicy(GitHub, condition);

        var findings = PolicyValidator.Validate(json, Trust);

        Assert.DoesNotContain(findings, f => f.Severity is FindingSeverity.Error or FindingSeverity.SecurityWarning);
    }

    [Fact]
    public void A_negated_sub_condition_does_not_count_as_naming_the_repository()
    {
        var json = TrustPolicy(GitHub, """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringNotEquals":{"token.actions.githubusercontent.com:sub":"repo:evil/app:pull_request"}}""");

        Assert.Single(Findings(json, PolicyCheckIds.FederatedCiWithoutSubject));
    }

    [Fact]
    public void CI_trust_without_an_audience_condition_is_a_warning_with_the_audience_to_add()
    {
        var json = TrustPolicy(GitHub, """{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}""");

        var finding = Assert.Single(Findings(json, PolicyCheckIds.FederatedCiWithoutAudience));

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("sts.amazonaws.com", finding.Message);
    }

    [Fact]
    public void Trust_without_any_condition_gets_both_findings()
    {
        var findings = PolicyValidator.Validate(TrustPolicy(GitHub, string.Empty), Trust);

        Assert.Contains(findings, f => f.CheckId == PolicyCheckIds.FederatedCiWithoutSubject);
        Assert.Contains(findings, f => f.CheckId == PolicyCheckIds.FederatedCiWithoutAudience);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:oidc-provider/accounts.google.com")]
    [InlineData("arn:aws:iam::111122223333:saml-provider/Okta")]
    [InlineData("cognito-identity.amazonaws.com")]
    public void Other_federated_principals_are_not_judged_as_CI(string provider)
    {
        var findings = PolicyValidator.Validate(TrustPolicy(provider, string.Empty), Trust);

        Assert.DoesNotContain(findings, f => f.CheckId.StartsWith("FEDERATED_CI_", StringComparison.Ordinal));
    }

    [Fact]
    public void Deny_statements_are_not_judged()
    {
        var json = TrustPolicy(GitHub, string.Empty).Replace("\"Allow\"", "\"Deny\"", StringComparison.Ordinal);

        Assert.DoesNotContain(PolicyValidator.Validate(json, Trust), f => f.CheckId.StartsWith("FEDERATED_CI_", StringComparison.Ordinal));
    }
}

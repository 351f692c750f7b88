using IamOps.Policy;
using IamOps.PolicyCheck;

namespace IamOps.Tests.PolicyCheck;

public sealed class PolicyLinterTests
{
    [Fact]
    public void Findings_carry_the_source_the_statement_index_and_sid_and_the_position()
    {
        var findings = PolicyLinter.Lint(SourcedPolicy.FromJson("team.json", Policies.Allow("iam:PassRole", sid: "Pass")), new PolicyValidationOptions());

        var passRole = Assert.Single(findings, f => f.CheckId == PolicyCheckIds.PassRoleWithStarInResource);
        Assert.Equal(FindingSeverity.SecurityWarning, passRole.Severity);
        Assert.Equal("team.json", passRole.Source);
        Assert.Equal("0 (Pass)", passRole.Statement);
        Assert.Equal(0, passRole.StatementIndex);
        Assert.Equal("Pass", passRole.Sid);
        Assert.Equal(1, passRole.Line);
        Assert.True(passRole.Column > 1);
    }

    [Fact]
    public void The_size_limit_follows_the_policy_type_and_attachment()
    {
        var statements = string.Join(",", Enumerable.Range(0, 40).Select(i => $$"""{"Sid":"S{{i}}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-{{i}}/*"}"""));
        var policy = SourcedPolicy.FromJson("big.json", $$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""");

        Assert.Contains(PolicyLinter.Lint(policy, new PolicyValidationOptions { AttachedTo = IdentityAttachment.User }), f => f.CheckId == PolicyCheckIds.PolicySizeExceeded);
        Assert.DoesNotContain(PolicyLinter.Lint(policy, new PolicyValidationOptions { AttachedTo = IdentityAttachment.Role }), f => f.CheckId == PolicyCheckIds.PolicySizeExceeded);
    }

    [Fact]
    public void Document_level_findings_have_no_statement()
    {
        var findings = PolicyLinter.Lint(SourcedPolicy.FromJson("PolicyDocument[3]", "{\"Statement\": ["), new PolicyValidationOptions());

        var syntax = Assert.Single(findings, f => f.CheckId == PolicyCheckIds.JsonSyntaxError);
        Assert.Null(syntax.Statement);
        Assert.Equal("PolicyDocument[3]", syntax.Source);
        Assert.StartsWith("PolicyDocument[3]:1:", syntax.ToString(), StringComparison.Ordinal);
    }
}

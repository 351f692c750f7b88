using System.Text.Json;
using IamOps.Policies;
using IamOps.Roles;

namespace IamOps.Tests.Roles;

/// <summary>Trust policies are created for new roles and merged into existing ones without touching anything else.</summary>
public sealed class TrustPolicyTests
{
    private static RoleTrustRequest Services(params string[] services) =>
        new() { RoleName = "app", Principals = services.Select(TrustPrincipal.Service).ToList() };

    private static JsonElement Root(string document) => JsonDocument.Parse(document).RootElement.Clone();

    [Fact]
    public void A_new_role_trusts_its_services_for_sts_AssumeRole()
    {
        var document = TrustPolicy.Create(Services("ec2.amazonaws.com"));

        Assert.True(PolicyText.SameDocument("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", document));
    }

    [Fact]
    public void Missing_services_join_the_statement_that_already_trusts_services_and_nothing_else_changes()
    {
        const string Existing = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Ec2","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
              {"Sid":"Ops","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}
            """;

        var merge = TrustPolicy.Merge(Existing, Services("ec2.amazonaws.com", "lambda.amazonaws.com", "ssm.amazonaws.com"));

        Assert.Equal(new[] { "lambda.amazonaws.com", "ssm.amazonaws.com" }, merge.Added.Select(p => p.Value));
        var statements = Root(merge.Document).GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(2, statements.Count);
        Assert.Equal(new[] { "ec2.amazonaws.com", "lambda.amazonaws.com", "ssm.amazonaws.com" },
            statements[0].GetProperty("Principal").GetProperty("Service").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Ec2", statements[0].GetProperty("Sid").GetString());
        Assert.True(PolicyText.SameDocument(Root(Existing).GetProperty("Statement")[1].GetRawText(), statements[1].GetRawText()));
    }

    [Fact]
    public void A_trusted_service_is_left_alone_even_in_a_stricter_statement()
    {
        const string Existing = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":["EC2.amazonaws.com"]},"Action":"sts:*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}}""";

        var merge = TrustPolicy.Merge(Existing, Services("ec2.amazonaws.com"));

        Assert.Empty(merge.Added);
        Assert.Equal(Existing, merge.Document);
    }

    [Fact]
    public void A_principal_needing_a_condition_gets_its_own_statement_when_none_has_exactly_that_condition()
    {
        const string Existing = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        var request = new RoleTrustRequest
        {
            RoleName = "ops",
            Principals = new[] { TrustPrincipal.Aws("444455556666", "aws") },
            Conditions = new[] { TrustCondition.RequireMfa(), TrustCondition.ExternalId("acme-42") },
        };

        var merge = TrustPolicy.Merge(Existing, request);
        var again = TrustPolicy.Merge(merge.Document, request);

        var added = Root(merge.Document).GetProperty("Statement")[1];
        Assert.Equal("arn:aws:iam::444455556666:root", added.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal("true", added.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:MultiFactorAuthPresent").GetString());
        Assert.Equal("acme-42", added.GetProperty("Condition").GetProperty("StringEquals").GetProperty("sts:ExternalId").GetString());
        Assert.Empty(again.Added);
    }

    [Fact]
    public void A_bare_account_id_in_an_existing_policy_counts_as_the_accounts_root()
    {
        const string Existing = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}]}""";

        var merge = TrustPolicy.Merge(Existing, new RoleTrustRequest { RoleName = "x", Principals = new[] { TrustPrincipal.Aws("444455556666", "aws") } });

        Assert.Empty(merge.Added);
    }

    [Fact]
    public void A_deny_or_a_not_principal_statement_never_counts_as_trust()
    {
        const string Existing = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

        var merge = TrustPolicy.Merge(Existing, Services("ec2.amazonaws.com"));

        Assert.Single(merge.Added);
        Assert.Equal(2, Root(merge.Document).GetProperty("Statement").GetArrayLength());
    }

    [Theory]
    [InlineData("ec2.amazonaws.com", "ec2.amazonaws.com", true)]
    [InlineData(" Lambda.AmazonAWS.com ", "lambda.amazonaws.com", false)]
    [InlineData("ec2.amazonaws.com.cn", "ec2.amazonaws.com.cn", true)]
    [InlineData("states.eu-west-1.amazonaws.com", "states.eu-west-1.amazonaws.com", false)]
    public void Service_principals_are_normalized(string input, string expected, bool isEc2)
    {
        var principal = TrustPrincipal.Service(input);

        Assert.Equal((TrustPrincipalKind.Service, expected, isEc2), (principal.Kind, principal.Value, principal.IsEc2Service));
    }

    [Theory]
    [InlineData("ec2", "Did you mean 'ec2.amazonaws.com'?")]
    [InlineData("ec2.amazon.com", "ec2.amazonaws.com")]
    [InlineData("arn:aws:iam::111122223333:root", "ec2.amazonaws.com")]
    [InlineData("*.amazonaws.com", "ec2.amazonaws.com")]
    [InlineData("", "ec2.amazonaws.com")]
    public void Unknown_service_principal_forms_are_refused_with_an_example(string input, string hint)
    {
        var failure = Assert.Throws<IamOpsException>(() => TrustPrincipal.Service(input));

        Assert.Equal(("ServicePrincipalInvalid", FailureKind.InvalidArgument), (failure.ErrorId, failure.Kind));
        Assert.Contains(hint, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:user/alice")]
    [InlineData("arn:aws:iam::111122223333:role/teams/deploy")]
    [InlineData("arn:aws-us-gov:iam::111122223333:root")]
    public void Aws_principal_arns_are_accepted_as_written(string arn) => Assert.Equal(arn, TrustPrincipal.Aws(arn, "aws").Value);

    [Theory]
    [InlineData("11112222333")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("alice")]
    public void Malformed_aws_principals_are_refused(string value) =>
        Assert.Equal("AwsPrincipalInvalid", Assert.Throws<IamOpsException>(() => TrustPrincipal.Aws(value, "aws")).ErrorId);

    [Fact]
    public void Validation_refuses_a_role_without_principals_or_with_a_bad_name()
    {
        Assert.Equal("TrustPrincipalMissing", Assert.Throws<IamOpsException>(() => RoleTrustPlanner.Validate(new RoleTrustRequest { RoleName = "app" })).ErrorId);
        Assert.Equal("RoleNameInvalid", Assert.Throws<IamOpsException>(() => RoleTrustPlanner.Validate(Services("ec2.amazonaws.com") with { RoleName = "bad name" })).ErrorId);
        Assert.Equal("TrustPolicySizeExceeded", Assert.Throws<IamOpsException>(() => RoleTrustPlanner.Validate(new RoleTrustRequest
        {
            RoleName = "wide",
            Principals = Enumerable.Range(0, 60).Select(i => TrustPrincipal.Aws($"arn:aws:iam::111122223333:role/r{i:D2}-{new string('x', 20)}", "aws")).ToList(),
        })).ErrorId);
    }
}

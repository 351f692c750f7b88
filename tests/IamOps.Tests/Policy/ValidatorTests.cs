using IamOps.Policy;

namespace IamOps.Tests.Policy;

public class ValidatorTests
{
    private static readonly PolicyValidationOptions Resource = new() { PolicyType = PolicyType.Resource };
    private static readonly PolicyValidationOptions Trust = new() { PolicyType = PolicyType.Trust };

    private static string Policy(string statements, string version = "\"Version\":\"2012-10-17\",") => "{" + version + "\"Statement\":[" + statements + "]}";

    private static PolicyFinding Single(string json, string checkId, FindingSeverity severity, PolicyValidationOptions? options = null)
    {
        var findings = PolicyValidator.Validate(json, options);
        var matching = findings.Where(f => f.CheckId == checkId).ToArray();
        Assert.True(matching.Length == 1, $"expected one {checkId}, got: {string.Join(" | ", findings)}");
        Assert.Equal(severity, matching[0].Severity);
        Assert.False(string.IsNullOrWhiteSpace(matching[0].Message));
        Assert.True(matching[0].Line > 0);
        return matching[0];
    }

    private static void None(string json, string checkId, PolicyValidationOptions? options = null)
    {
        var findings = PolicyValidator.Validate(json, options);
        Assert.DoesNotContain(findings, f => f.CheckId == checkId);
    }

    [Theory]
    [MemberData(nameof(InvalidDocumentCorpus.Names), MemberType = typeof(InvalidDocumentCorpus))]
    public void Every_document_of_the_invalid_corpus_has_its_error(string name)
    {
        var (_, type, checkId, document) = InvalidDocumentCorpus.Documents.Single(d => d.Name == name);

        var findings = PolicyValidator.Validate(document, new PolicyValidationOptions { PolicyType = type });

        Assert.Contains(findings, f => f.CheckId == checkId && f.Severity == FindingSeverity.Error && f.Line > 0);
    }

    [Fact]
    public void Clean_policy_has_no_findings()
    {
        var findings = PolicyValidator.Validate(Policy("""{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"Bool":{"aws:SecureTransport":"true"}}}"""));

        Assert.Empty(findings);
    }

    [Fact]
    public void Json_syntax_error() => Single("{\"Version\":\"2012-10-17\",\n\"Statement\":[{]}", PolicyCheckIds.JsonSyntaxError, FindingSeverity.Error);

    [Fact]
    public void Unknown_element_points_at_it()
    {
        var finding = Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Actions":"x"}"""), PolicyCheckIds.UnknownElement, FindingSeverity.Error);
        Assert.Equal(0, finding.StatementIndex);
        Assert.Contains("Actions", finding.Message);
    }

    [Fact]
    public void Principal_in_identity_policy_is_misplaced()
        => Single(Policy("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}"""), PolicyCheckIds.MisplacedElement, FindingSeverity.Error);

    [Fact]
    public void Resource_in_trust_policy_is_misplaced()
        => Single(Policy("""{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}"""), PolicyCheckIds.MisplacedElement, FindingSeverity.Error, Trust);

    [Fact]
    public void NotPrincipal_in_trust_policy_is_misplaced()
        => Single(Policy("""{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}"""), PolicyCheckIds.MisplacedElement, FindingSeverity.Error, Trust);

    [Fact]
    public void Duplicate_element() => Single(Policy("""{"Effect":"Allow","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}"""), PolicyCheckIds.DuplicateElement, FindingSeverity.Error);

    [Fact]
    public void Element_name_case() => Single(Policy("""{"effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""), PolicyCheckIds.ElementNameCase, FindingSeverity.Warning);

    [Fact]
    public void Invalid_element_type() => Single(Policy("""{"Effect":"Allow","Action":{"x":1},"Resource":"*"}"""), PolicyCheckIds.InvalidElementType, FindingSeverity.Error);

    [Fact]
    public void Missing_statement() => Single("""{"Version":"2012-10-17"}""", PolicyCheckIds.MissingStatement, FindingSeverity.Error);

    [Fact]
    public void Missing_version() => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", string.Empty), PolicyCheckIds.MissingVersion, FindingSeverity.Warning);

    [Fact]
    public void Invalid_version()
    {
        var finding = Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", "\"Version\":\"2024-01-01\","), PolicyCheckIds.InvalidVersion, FindingSeverity.Error);
        Assert.Equal(new SourceLocation(1, 12), finding.Location);
    }

    [Fact]
    public void Old_version() => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", "\"Version\":\"2008-10-17\","), PolicyCheckIds.OldVersion, FindingSeverity.Warning);

    [Fact]
    public void Variable_without_current_version_is_literal()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}""", string.Empty), PolicyCheckIds.VariableUnsupportedInVersion, FindingSeverity.Error);

    [Fact]
    public void Variable_before_the_resource_part()
        => Single(Policy("""{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:${aws:PrincipalAccount}:table/t"}"""), PolicyCheckIds.VariableUnsupportedInElement, FindingSeverity.Error);

    [Fact]
    public void Variable_in_numeric_operator()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"${aws:PrincipalTag/limit}"}}}"""), PolicyCheckIds.VariableUnsupportedInElement, FindingSeverity.Error);

    [Fact]
    public void Malformed_variable()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username/*"}"""), PolicyCheckIds.MalformedVariable, FindingSeverity.Error);

    [Fact]
    public void Missing_effect() => Single(Policy("""{"Action":"s3:GetObject","Resource":"*"}"""), PolicyCheckIds.MissingEffect, FindingSeverity.Error);

    [Fact]
    public void Invalid_effect_is_case_sensitive()
        => Single(Policy("""{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}"""), PolicyCheckIds.InvalidEffect, FindingSeverity.Error);

    [Fact]
    public void Missing_action() => Single(Policy("""{"Effect":"Allow","Resource":"*"}"""), PolicyCheckIds.MissingAction, FindingSeverity.Error);

    [Fact]
    public void Missing_resource() => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject"}"""), PolicyCheckIds.MissingResource, FindingSeverity.Error);

    [Fact]
    public void Missing_principal_in_resource_policy()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"""), PolicyCheckIds.MissingPrincipal, FindingSeverity.Error, Resource);

    [Fact]
    public void Action_and_not_action_together()
        => Single(Policy("""{"Effect":"Deny","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"}"""), PolicyCheckIds.UnsupportedElementCombination, FindingSeverity.Error);

    [Theory]
    [InlineData("s3")]
    [InlineData("s3:Get Object")]
    [InlineData(":GetObject")]
    [InlineData("s3:Get:Object")]
    public void Invalid_action_syntax(string action)
        => Single(Policy($$"""{"Effect":"Allow","Action":"{{action}}","Resource":"*"}"""), PolicyCheckIds.InvalidAction, FindingSeverity.Error);

    [Fact]
    public void Unknown_service() => Single(Policy("""{"Effect":"Allow","Action":"s4:GetObject","Resource":"*"}"""), PolicyCheckIds.UnknownService, FindingSeverity.Error);

    [Theory]
    [InlineData("s3:GetObjekt")]
    [InlineData("s3:Gett*")]
    public void Unknown_action(string action)
        => Single(Policy($$"""{"Effect":"Allow","Action":"{{action}}","Resource":"*"}"""), PolicyCheckIds.UnknownAction, FindingSeverity.Error);

    [Fact]
    public void Wildcard_in_service_name() => Single(Policy("""{"Effect":"Deny","Action":"s*:GetObject","Resource":"*"}"""), PolicyCheckIds.WildcardInServiceName, FindingSeverity.Suggestion);

    [Theory]
    [InlineData("bucket/key")]
    [InlineData("arn:aws:s3:::")]
    [InlineData("arn:aws")]
    [InlineData("arn:awz:s3:::b")]
    [InlineData("arn:aws:s*:::b")]
    public void Invalid_arn(string resource)
    {
        var json = Policy($$"""{"Effect":"Allow","Action":"s3:GetObject","Resource":"{{resource}}"}""");
        var findings = PolicyValidator.Validate(json);
        if (resource == "arn:aws:s3:::")
        {
            // Six parts with an empty resource is still an ARN shape; IAM rejects it as matching nothing the action takes.
            Assert.Contains(findings, f => f.CheckId == PolicyCheckIds.ResourceMismatch);
            return;
        }

        Single(json, PolicyCheckIds.InvalidArn, FindingSeverity.Error);
    }

    [Fact]
    public void Resource_type_the_action_does_not_take()
    {
        var finding = Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:iam::111122223333:role/x"}"""), PolicyCheckIds.ResourceMismatch, FindingSeverity.Error);
        Assert.Contains("s3:GetObject", finding.Message);
    }

    [Theory]
    [InlineData("iam:PassRole", "arn:aws:iam::111122223333:role/app/*")]
    [InlineData("s3:GetObject", "arn:aws:s3:::bucket/*")]
    [InlineData("s3:ListBucket", "arn:aws:s3:::bucket")]
    [InlineData("ec2:TerminateInstances", "arn:aws:ec2:*:111122223333:instance/*")]
    [InlineData("logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:*")]
    [InlineData("iam:GetUser", "arn:aws:iam::*:user/${aws:username}")]
    public void Matching_resource_types_are_accepted(string action, string resource)
        => None(Policy($$"""{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"}"""), PolicyCheckIds.ResourceMismatch);

    [Theory]
    [InlineData("\"Service\":\"ec2\"")]
    [InlineData("\"AWS\":\"arn:aws:iam::*:role/x\"")]
    [InlineData("\"AWS\":\"bob\"")]
    [InlineData("\"Group\":\"arn:aws:iam::111122223333:group/g\"")]
    public void Invalid_principal(string principal)
        => Single(Policy($$"""{"Effect":"Allow","Principal":{{{principal}}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"""), PolicyCheckIds.InvalidPrincipal, FindingSeverity.Error, Resource);

    [Fact]
    public void Unknown_condition_operator()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqual":{"aws:SourceVpc":"vpc-1"}}}"""), PolicyCheckIds.UnknownConditionOperator, FindingSeverity.Error);

    [Fact]
    public void Null_with_if_exists()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NullIfExists":{"aws:SourceVpc":"true"}}}"""), PolicyCheckIds.NullWithIfExists, FindingSeverity.Error);

    [Theory]
    [InlineData("aws:SourceIP2")]
    [InlineData("s3:prefixx")]
    [InlineData("nosuchservice:key")]
    public void Unknown_condition_key(string key)
        => Single(Policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"" + key + "\":\"x\"}}}"), PolicyCheckIds.UnknownConditionKey, FindingSeverity.Error);

    [Theory]
    [InlineData("aws:sourcevpc")]
    [InlineData("aws:PrincipalTag/team")]
    [InlineData("aws:ResourceTag/Cost Center")]
    [InlineData("token.actions.githubusercontent.com:sub")]
    [InlineData("sts:ExternalId")]
    [InlineData("saml:aud")]
    [InlineData("cognito-identity.amazonaws.com:amr")]
    [InlineData("kms:EncryptionContext:aws:s3:arn")]
    [InlineData("s3:ExistingObjectTag/team")]
    [InlineData("iam:PassedToService")]
    [InlineData("aws:SourceOrgID")]
    public void Known_condition_keys_ignore_case_and_cover_tag_families(string key)
        => None(Policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"" + key + "\":\"x\"}}}"), PolicyCheckIds.UnknownConditionKey);

    [Fact]
    public void Service_key_the_actions_do_not_support()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"ec2:InstanceType":"t3.micro"}}}"""), PolicyCheckIds.ConditionKeyNotSupportedByAction, FindingSeverity.Warning);

    [Theory]
    [InlineData("IpAddress", "aws:SourceIp", "10.0.0.0/33")]
    [InlineData("IpAddress", "aws:SourceIp", "office")]
    [InlineData("DateGreaterThan", "aws:CurrentTime", "next tuesday")]
    [InlineData("NumericLessThan", "aws:MultiFactorAuthAge", "an hour")]
    [InlineData("Bool", "aws:SecureTransport", "yes")]
    [InlineData("BinaryEquals", "aws:UserAgent", "***")]
    [InlineData("ArnLike", "aws:SourceArn", "bucket")]
    [InlineData("Null", "aws:SourceVpc", "maybe")]
    public void Value_of_the_wrong_type_for_the_operator(string op, string key, string value)
        => Single(Policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"" + op + "\":{\"" + key + "\":\"" + value + "\"}}}"), PolicyCheckIds.DataTypeMismatch, FindingSeverity.Error);

    [Fact]
    public void Operator_that_does_not_fit_the_key_type()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceIp":"10.0.0.1"}}}"""), PolicyCheckIds.OperatorKeyTypeMismatch, FindingSeverity.Warning);

    [Fact]
    public void Wildcard_in_equals_operator()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"home/*"}}}"""), PolicyCheckIds.WildcardWithoutLikeOperator, FindingSeverity.Warning);

    [Fact]
    public void ForAllValues_on_single_valued_key()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:SourceVpc":"vpc-1"}}}"""), PolicyCheckIds.ForAllValuesWithSingleValuedKey, FindingSeverity.SecurityWarning);

    [Fact]
    public void Invalid_sid() => Single(Policy("""{"Sid":"read only","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""), PolicyCheckIds.InvalidSid, FindingSeverity.Error);

    [Fact]
    public void Duplicate_sids()
    {
        var finding = Single(Policy("""{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}"""), PolicyCheckIds.DuplicateSid, FindingSeverity.Error);
        Assert.Equal(1, finding.StatementIndex);
        Assert.Equal("A", finding.Sid);
    }

    [Fact]
    public void Empty_sid() => Single(Policy("""{"Sid":"","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""), PolicyCheckIds.EmptySid, FindingSeverity.Suggestion);

    [Fact]
    public void Empty_action_array() => Single(Policy("""{"Effect":"Allow","Action":[],"Resource":"*"}"""), PolicyCheckIds.EmptyValue, FindingSeverity.Suggestion);

    [Fact]
    public void Redundant_action()
    {
        var finding = Single(Policy("""{"Effect":"Allow","Action":["s3:Get*","s3:GetObject"],"Resource":"arn:aws:s3:::b/*"}"""), PolicyCheckIds.RedundantAction, FindingSeverity.Suggestion);
        Assert.Contains("s3:GetObject", finding.Message);
    }

    [Fact]
    public void Redundant_resource()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b/logs/*"]}"""), PolicyCheckIds.RedundantResource, FindingSeverity.Suggestion);

    [Fact]
    public void Redundant_statement()
    {
        var finding = Single(Policy("""{"Sid":"Broad","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"},{"Sid":"Narrow","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/x/*"}"""), PolicyCheckIds.RedundantStatement, FindingSeverity.Suggestion);
        Assert.Equal(1, finding.StatementIndex);
    }

    [Fact]
    public void Statement_with_a_condition_is_not_redundant_to_one_without_it_being_covered()
        => None(Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}},{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/x"}"""), PolicyCheckIds.RedundantStatement);

    [Fact]
    public void Allow_all_actions_on_all_resources()
        => Single(Policy("""{"Effect":"Allow","Action":"*","Resource":"*"}"""), PolicyCheckIds.AllowAllActionsOnAllResources, FindingSeverity.SecurityWarning);

    [Theory]
    [InlineData("iam:PassRole")]
    [InlineData("iam:Pass*")]
    [InlineData("iam:*")]
    public void Pass_role_on_star(string action)
        => Single(Policy($$"""{"Effect":"Allow","Action":"{{action}}","Resource":"*"}"""), PolicyCheckIds.PassRoleWithStarInResource, FindingSeverity.SecurityWarning);

    [Fact]
    public void Pass_role_with_not_resource()
        => Single(Policy("""{"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::111122223333:role/admin"}"""), PolicyCheckIds.PassRoleWithNotResource, FindingSeverity.SecurityWarning);

    [Fact]
    public void Pass_role_on_named_roles_is_fine()
        => None(Policy("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-*"}"""), PolicyCheckIds.PassRoleWithStarInResource);

    [Fact]
    public void Allow_with_not_action()
        => Single(Policy("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"""), PolicyCheckIds.AllowWithNotAction, FindingSeverity.SecurityWarning);

    [Fact]
    public void Deny_with_not_action_is_fine()
        => None(Policy("""{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}"""), PolicyCheckIds.AllowWithNotAction);

    [Fact]
    public void Allow_with_not_resource()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"}"""), PolicyCheckIds.AllowWithNotResource, FindingSeverity.SecurityWarning);

    [Fact]
    public void Allow_with_not_principal()
        => Single(Policy("""{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"""), PolicyCheckIds.AllowWithNotPrincipal, FindingSeverity.SecurityWarning, Resource);

    [Fact]
    public void Public_resource_policy_without_condition()
        => Single(Policy("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"""), PolicyCheckIds.PublicPrincipalWithoutCondition, FindingSeverity.SecurityWarning, Resource);

    [Fact]
    public void Public_trust_policy_without_condition()
        => Single(Policy("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}"""), PolicyCheckIds.PublicPrincipalWithoutCondition, FindingSeverity.SecurityWarning, Trust);

    [Fact]
    public void Public_principal_with_condition_is_fine()
        => None(Policy("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-123"}}}"""), PolicyCheckIds.PublicPrincipalWithoutCondition, Resource);

    [Theory]
    [InlineData("\"iam:CreateAccessKey\"", "iam:CreateAccessKey")]
    [InlineData("[\"iam:PassRole\",\"ec2:RunInstances\"]", "iam:PassRole + ec2:RunInstances")]
    [InlineData("[\"iam:PassRole\",\"lambda:CreateFunction\",\"lambda:InvokeFunction\"]", "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction")]
    [InlineData("\"iam:Put*Policy\"", "iam:PutUserPolicy")]
    public void Privilege_escalation_sets(string actions, string expectedSet)
    {
        var finding = Single(Policy($$"""{"Effect":"Allow","Action":{{actions}},"Resource":"*"}"""), PolicyCheckIds.PrivilegeEscalation, FindingSeverity.SecurityWarning);
        Assert.Contains(expectedSet, finding.Message);
    }

    [Fact]
    public void Half_an_escalation_set_is_not_reported()
        => None(Policy("""{"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}"""), PolicyCheckIds.PrivilegeEscalation);

    [Fact]
    public void Escalation_across_statements_is_reported()
        => Single(Policy("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},{"Effect":"Allow","Action":"cloudformation:CreateStack","Resource":"*"}"""), PolicyCheckIds.PrivilegeEscalation, FindingSeverity.SecurityWarning);

    [Fact]
    public void Permissions_management_on_star()
    {
        var finding = Single(Policy("""{"Effect":"Allow","Action":"s3:PutBucketPolicy","Resource":"*"}"""), PolicyCheckIds.PermissionsManagementOnAllResources, FindingSeverity.SecurityWarning);
        Assert.Contains("s3:PutBucketPolicy", finding.Message);
    }

    [Fact]
    public void Write_on_star()
        => Single(Policy("""{"Effect":"Allow","Action":"s3:DeleteObject","Resource":"*"}"""), PolicyCheckIds.WriteOnAllResources, FindingSeverity.Warning);

    [Fact]
    public void Actions_that_only_take_star_are_not_write_on_star()
        => None(Policy("""{"Effect":"Allow","Action":["s3:ListAllMyBuckets","ec2:DescribeInstances"],"Resource":"*"}"""), PolicyCheckIds.WriteOnAllResources);

    [Theory]
    [InlineData(IdentityAttachment.User, 2048)]
    [InlineData(IdentityAttachment.Group, 5120)]
    [InlineData(IdentityAttachment.Managed, 6144)]
    [InlineData(IdentityAttachment.Role, 10240)]
    public void Size_limit_depends_on_attachment(IdentityAttachment attachedTo, int limit)
    {
        var options = new PolicyValidationOptions { AttachedTo = attachedTo };
        Assert.Equal(limit, options.SizeLimit);
        string PolicyOfSize(int size)
        {
            var head = Policy("""{"Sid":"X","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/"}""");
            var pad = new string('a', size - head.Length);
            return head.Replace("arn:aws:s3:::b/", "arn:aws:s3:::b/" + pad, StringComparison.Ordinal);
        }

        var atLimit = PolicyOfSize(limit);
        Assert.Equal(limit, PolicyDocument.Parse(atLimit).Size);
        None(atLimit, PolicyCheckIds.PolicySizeExceeded, options);
        Single(PolicyOfSize(limit + 1), PolicyCheckIds.PolicySizeExceeded, FindingSeverity.Error, options);
    }

    [Theory]
    [InlineData(PolicyType.Trust, 2048)]
    [InlineData(PolicyType.ServiceControl, 5120)]
    [InlineData(PolicyType.PermissionsBoundary, 6144)]
    public void Size_limit_depends_on_policy_type(PolicyType type, int limit)
        => Assert.Equal(limit, new PolicyValidationOptions { PolicyType = type }.SizeLimit);

    [Fact]
    public void Whitespace_does_not_count_toward_the_size()
    {
        var json = Policy("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""").Replace(",", ",\n" + new string(' ', 3000), StringComparison.Ordinal);

        None(json, PolicyCheckIds.PolicySizeExceeded, new PolicyValidationOptions { AttachedTo = IdentityAttachment.User });
    }

    [Fact]
    public void Findings_carry_statement_index_sid_and_position()
    {
        var json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Sid\": \"One\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},\n    {\"Sid\": \"Two\", \"Effect\": \"Allow\", \"Action\": \"s3:Nope\", \"Resource\": \"*\"}\n  ]\n}";

        var finding = Single(json, PolicyCheckIds.UnknownAction, FindingSeverity.Error);

        Assert.Equal(1, finding.StatementIndex);
        Assert.Equal("Two", finding.Sid);
        Assert.Equal(5, finding.Line);
        Assert.Equal(49, finding.Column);
    }

    [Fact]
    public void Every_check_id_is_upper_snake_and_unique()
    {
        var ids = typeof(PolicyCheckIds).GetFields().Select(f => (string)f.GetValue(null)!).ToArray();

        Assert.All(ids, id => Assert.Matches("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$", id));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}

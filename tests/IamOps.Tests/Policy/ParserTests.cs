using System.Text;
using IamOps.Policy;

namespace IamOps.Tests.Policy;

public class ParserTests
{
    [Fact]
    public void Single_statement_object_and_string_values_are_read()
    {
        var doc = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}""");

        Assert.True(doc.IsWellFormed);
        var statement = Assert.Single(doc.Statements);
        Assert.Equal("Allow", statement.Effect!.Text);
        Assert.Equal("s3:GetObject", Assert.Single(statement.Action!).Text);
        Assert.False(statement.Action!.IsArray);
        Assert.Equal("arn:aws:s3:::b/*", Assert.Single(statement.Resource!).Text);
    }

    [Fact]
    public void Statement_array_and_value_arrays_are_read()
    {
        var doc = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":["a","b"]},{"Effect":"Allow","Action":"*","Resource":"*"}]}""");

        Assert.Equal(2, doc.Statements.Count);
        Assert.Equal(new[] { "iam:*", "sts:*" }, doc.Statements[0].NotAction!.Select(v => v.Text));
        Assert.True(doc.Statements[0].NotAction!.IsArray);
        Assert.Equal(1, doc.Statements[1].Index);
    }

    [Fact]
    public void Principal_forms_are_read()
    {
        var doc = PolicyDocument.Parse("""
            {"Statement":[
              {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
              {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","444455556666"],"Service":"ec2.amazonaws.com","Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59df9"},"Action":"sts:AssumeRole"}
            ]}
            """);

        Assert.True(doc.Statements[0].Principal!.IsWildcard);
        var entries = doc.Statements[1].Principal!.Entries;
        Assert.Equal(new[] { "AWS", "Service", "Federated", "CanonicalUser" }, entries.Select(e => e.Type));
        Assert.Equal(2, entries[0].Values.Count);
        Assert.Equal("ec2.amazonaws.com", entries[1].Values[0].Text);
    }

    [Fact]
    public void Condition_values_keep_their_json_kind()
    {
        var doc = PolicyDocument.Parse("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"s3:max-keys":10},"StringEquals":{"aws:TagKeys":["a","b"]}}}}""");

        var conditions = doc.Statements[0].Conditions;
        Assert.Equal(3, conditions.Count);
        Assert.Equal(PolicyValueKind.Boolean, conditions[0].Values[0].Kind);
        Assert.Equal("true", conditions[0].Values[0].Text);
        Assert.Equal(PolicyValueKind.Number, conditions[1].Values[0].Kind);
        Assert.Equal("10", conditions[1].Values[0].Text);
        Assert.Equal("aws:TagKeys", conditions[2].Key);
        Assert.Equal(2, conditions[2].Values.Count);
    }

    [Fact]
    public void Locations_are_one_based_lines_and_character_columns()
    {
        var json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Sid\": \"é1\", \"Effect\": \"Allow\",\n     \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\n  ]\n}";
        var doc = PolicyDocument.Parse(json);

        Assert.Equal(new SourceLocation(2, 14), doc.Version!.Location);
        var statement = doc.Statements[0];
        Assert.Equal(new SourceLocation(4, 5), statement.Location);
        Assert.Equal(new SourceLocation(4, 13), statement.Sid!.Location);
        // The é before it is one character although it is two UTF-8 bytes.
        Assert.Equal(new SourceLocation(4, 29), statement.Effect!.Location);
        Assert.Equal(new SourceLocation(5, 6), statement.Action!.Location);
    }

    [Fact]
    public void Size_ignores_whitespace_outside_strings_only()
    {
        var compact = """{"Version":"2012-10-17","Statement":{"Sid":"a b","Effect":"Allow"}}""";
        var spaced = "{\n  \"Version\" : \"2012-10-17\",\n\t\"Statement\" : { \"Sid\" : \"a b\", \"Effect\" : \"Allow\" }\n}\n";

        Assert.Equal(compact.Length, PolicyDocument.Parse(compact).Size);
        Assert.Equal(compact.Length, PolicyDocument.Parse(spaced).Size);
    }

    [Fact]
    public void Malformed_json_gives_a_syntax_error_with_position()
    {
        var doc = PolicyDocument.Parse("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\", } ]\n}");

        Assert.False(doc.IsWellFormed);
        var finding = Assert.Single(doc.ParseFindings);
        Assert.Equal(PolicyCheckIds.JsonSyntaxError, finding.CheckId);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(3, finding.Line);
        Assert.True(finding.Column > 30, $"column {finding.Column}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("\"policy\"")]
    [InlineData("{\"Statement\": []} trailing")]
    [InlineData("{\"Statement\": [}")]
    public void Bad_documents_give_error_findings_not_exceptions(string json)
    {
        var findings = PolicyValidator.Validate(json);

        Assert.Contains(findings, f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void Null_statement_is_a_missing_statement_error()
    {
        var findings = PolicyValidator.Validate("""{"Version":"2012-10-17","Statement":null}""");

        var finding = Assert.Single(findings);
        Assert.Equal(PolicyCheckIds.MissingStatement, finding.CheckId);
        Assert.Equal(new SourceLocation(1, 25), finding.Location);
    }

    [Fact]
    public void Invalid_utf8_is_an_encoding_error_with_its_position()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"Version\":\"2012-10-17\",\n\"Statement\":\"x\"}");
        bytes[bytes.Length - 3] = 0xC3;

        var doc = PolicyDocument.Parse(bytes);

        var finding = Assert.Single(doc.ParseFindings);
        Assert.Equal(PolicyCheckIds.InvalidEncoding, finding.CheckId);
        Assert.Equal(2, finding.Line);
        Assert.False(doc.IsWellFormed);
    }

    [Fact]
    public void Byte_order_mark_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"Version":"2012-10-17","Statement":[]}""")).ToArray();

        var doc = PolicyDocument.Parse(bytes);

        Assert.True(doc.IsWellFormed);
        Assert.Equal("2012-10-17", doc.Version!.Text);
    }

    [Fact]
    public void Deep_nesting_is_a_syntax_error()
    {
        var json = "{\"Statement\":" + new string('[', 5000) + new string(']', 5000) + "}";

        var doc = PolicyDocument.Parse(json);

        Assert.False(doc.IsWellFormed);
        Assert.Equal(PolicyCheckIds.JsonSyntaxError, Assert.Single(doc.ParseFindings).CheckId);
    }

    [Fact]
    public void One_megabyte_document_of_many_statements_gives_findings()
    {
        var statements = string.Join(",", Enumerable.Range(0, 12_000).Select(i => $"{{\"Sid\":\"S{i}\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket-{i}/*\"}}"));
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
        Assert.True(json.Length > 1_000_000);

        var findings = PolicyValidator.Validate(json);

        var size = Assert.Single(findings, f => f.CheckId == PolicyCheckIds.PolicySizeExceeded);
        Assert.Equal(FindingSeverity.Error, size.Severity);
        Assert.Contains(json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), size.Message);
    }

    [Fact]
    public void One_megabyte_statement_of_many_values_gives_findings()
    {
        var actions = string.Join(",", Enumerable.Range(0, 40_000).Select(i => $"\"s3:Get{i}\""));
        var resources = string.Join(",", Enumerable.Range(0, 30_000).Select(i => $"\"arn:aws:s3:::b/{i}\""));
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":[" + resources + "]}}";
        Assert.True(json.Length > 1_000_000);

        var findings = PolicyValidator.Validate(json, new PolicyValidationOptions { PolicyType = PolicyType.Resource });

        Assert.Contains(findings, f => f.CheckId == PolicyCheckIds.PolicySizeExceeded);
        Assert.Equal(40_000, findings.Count(f => f.CheckId == PolicyCheckIds.UnknownAction));
    }

    [Fact]
    public void Unknown_duplicate_and_miscased_elements_are_reported()
    {
        var doc = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"effect":"Allow","Action":"s3:GetObject","Action":"s3:PutObject","Resource":"*","Foo":1}}""");

        Assert.Contains(doc.ParseFindings, f => f.CheckId == PolicyCheckIds.ElementNameCase && f.Severity == FindingSeverity.Warning);
        Assert.Contains(doc.ParseFindings, f => f.CheckId == PolicyCheckIds.DuplicateElement && f.Severity == FindingSeverity.Error);
        Assert.Contains(doc.ParseFindings, f => f.CheckId == PolicyCheckIds.UnknownElement && f.Severity == FindingSeverity.Error && f.StatementIndex == 0);
        Assert.Equal("Allow", doc.Statements[0].Effect!.Text);
    }

    [Fact]
    public void Escaped_names_and_values_read_like_plain_ones()
    {
        var doc = PolicyDocument.Parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Eff\\u0065ct\":\"All\\u006fw\",\"Action\":\"s3:Get\\u002a\",\"Resource\":\"\\u002a\"}}");

        Assert.Empty(doc.ParseFindings);
        Assert.True(doc.Statements[0].IsAllow);
        Assert.Equal("s3:Get*", doc.Statements[0].Action![0].Text);
        Assert.Equal("*", doc.Statements[0].Resource![0].Text);
    }

    [Fact]
    public void Wrong_value_types_are_reported_and_skipped()
    {
        var doc = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject",5,null,{"a":1}],"Resource":"*"}}""");

        Assert.Equal(3, doc.ParseFindings.Count(f => f.CheckId == PolicyCheckIds.InvalidElementType));
        Assert.Equal("s3:GetObject", Assert.Single(doc.Statements[0].Action!).Text);
    }

    [Fact]
    public void Canonical_json_round_trips()
    {
        var doc = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Id":"x","Statement":{"Sid":"A","Effect":"Allow","Principal":{"AWS":["1","2"]},
             "Action":["s3:Get*"],"Resource":"arn:aws:s3:::b/${aws:username}/*",
             "Condition":{"NumericLessThan":{"s3:max-keys":1.50},"Bool":{"aws:SecureTransport":false},"StringLike":{"s3:prefix":["a","é\"\\"]}}}}
            """);

        var json = doc.ToJson();
        var again = PolicyDocument.Parse(json);

        Assert.Equal(json, again.ToJson());
        Assert.StartsWith("{\"Version\":\"2012-10-17\",\"Id\":\"x\",\"Statement\":[{\"Sid\":\"A\"", json);
        Assert.Contains("\"s3:max-keys\":1.50", json);
        Assert.Contains("\"Action\":\"s3:Get*\"", json);
        Assert.Equal(doc.Size, again.Size);
    }
}

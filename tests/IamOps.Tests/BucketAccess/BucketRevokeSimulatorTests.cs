using IamOps.Aws;
using IamOps.BucketAccess;
using IamOps.Policies;
using IamOps.Policy;
using static IamOps.Tests.BucketAccess.SimulatedGrants;

namespace IamOps.Tests.BucketAccess;

/// <summary>Revoke removes exactly what grant added, prefix by prefix, inline or managed, and nothing else.</summary>
public sealed class BucketRevokeSimulatorTests
{
    private const string Bucket = "acme-data";
    private readonly SimulatedGrants _sim = new();

    public BucketRevokeSimulatorTests() => _sim.Account.AddBucket(Bucket);

    private async Task UserWithForeignPolicyAsync(string name)
    {
        await _sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = name }, CancellationToken.None);
        await _sim.Iam.PutInlinePolicyAsync(IdentityKind.User, name, "jobs", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}""", CancellationToken.None);
    }

    private Task<List<string>> InlineNamesAsync(string user) => IamLookup.ToListAsync(_sim.Iam.ListInlinePolicyNamesAsync(IdentityKind.User, user, CancellationToken.None), CancellationToken.None);

    [Fact]
    public async Task Revoking_one_prefix_keeps_the_other_and_revoking_the_rest_deletes_the_policy_only()
    {
        await UserWithForeignPolicyAsync("alice");
        await _sim.GrantAsync(Request(IdentityKind.User, "alice", Bucket, "reports/", BucketAccessLevel.Write));
        await _sim.GrantAsync(Request(IdentityKind.User, "alice", Bucket, "logs/", BucketAccessLevel.Read));

        var one = await _sim.RevokeAsync(IdentityKind.User, "alice", Bucket, "reports");

        var policies = await _sim.IdentityPoliciesAsync(IdentityKind.User, "alice");
        var alice = $"arn:aws:iam::{AccountId}:user/alice";
        Assert.Equal(EvaluationDecision.ImplicitDeny, policies.Decide(new AuthorizationRequest(alice, "s3:PutObject", $"arn:aws:s3:::{Bucket}/reports/x")));
        Assert.Equal(EvaluationDecision.Allowed, policies.Decide(new AuthorizationRequest(alice, "s3:GetObject", $"arn:aws:s3:::{Bucket}/logs/x")));
        Assert.Equal(GrantPolicyType.Inline, Assert.Single(one.Policies).PolicyType);

        var rest = await _sim.RevokeAsync(IdentityKind.User, "alice", Bucket);
        var again = 0;
        again = await _sim.MutatingCallsOfAsync(async () => Assert.Empty((await _sim.RevokeAsync(IdentityKind.User, "alice", Bucket)).Policies));

        Assert.Null(Assert.Single(rest.Policies).RemainingDocument);
        Assert.Equal(new[] { "jobs" }, await InlineNamesAsync("alice"));
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task Revoking_restores_exactly_the_policy_the_principal_had_before_the_grant()
    {
        await UserWithForeignPolicyAsync("bob");
        await _sim.Iam.PutInlinePolicyAsync(IdentityKind.User, "bob", BucketGrantPolicy.InlinePolicyName(Bucket),
            """{"Version":"2012-10-17","Statement":[{"Sid":"Mine","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}""", CancellationToken.None);
        var before = (await _sim.Iam.GetInlinePolicyAsync(IdentityKind.User, "bob", BucketGrantPolicy.InlinePolicyName(Bucket), CancellationToken.None)).PolicyDocument;
        await _sim.GrantAsync(Request(IdentityKind.User, "bob", Bucket, "reports/", BucketAccessLevel.Write));

        await _sim.RevokeAsync(IdentityKind.User, "bob", Bucket, "reports/");

        var after = (await _sim.Iam.GetInlinePolicyAsync(IdentityKind.User, "bob", BucketGrantPolicy.InlinePolicyName(Bucket), CancellationToken.None)).PolicyDocument;
        Assert.True(PolicyText.SameDocument(before, after), after);
    }

    [Fact]
    public async Task Revoking_a_managed_grant_detaches_and_deletes_the_policy_with_its_versions()
    {
        await UserWithForeignPolicyAsync("carol");
        var grant = Request(IdentityKind.User, "carol", Bucket, "reports/", BucketAccessLevel.Read) with { AsManagedPolicy = true };
        var plan = await _sim.GrantAsync(grant);
        await _sim.GrantAsync(grant with { Grant = grant.Grant with { Access = BucketAccessLevel.Write } });

        var revoke = await _sim.RevokeAsync(IdentityKind.User, "carol", Bucket);

        Assert.Equal(new[] { "Detach", "Delete" }, Assert.Single(revoke.Policies).Changes.Select(c => c.Kind.ToString()));
        Assert.Null(await IamLookup.FindAsync(() => _sim.Iam.GetPolicyAsync(plan.PolicyArn!, CancellationToken.None)));
        Assert.Empty(await IamLookup.ToListAsync(_sim.Iam.ListAttachedPoliciesAsync(IdentityKind.User, "carol", CancellationToken.None), CancellationToken.None));
        Assert.Equal(new[] { "jobs" }, await InlineNamesAsync("carol"));
    }

    [Fact]
    public async Task A_managed_policy_someone_else_also_uses_is_only_detached_with_a_warning()
    {
        await UserWithForeignPolicyAsync("dave");
        await _sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "eve" }, CancellationToken.None);
        var plan = await _sim.GrantAsync(Request(IdentityKind.User, "dave", Bucket, "reports/") with { AsManagedPolicy = true });
        await _sim.Iam.AttachPolicyAsync(IdentityKind.User, "eve", plan.PolicyArn!, CancellationToken.None);

        var revoke = await _sim.RevokeAsync(IdentityKind.User, "dave", Bucket);

        Assert.Equal("Detach", Assert.Single(Assert.Single(revoke.Policies).Changes).Kind.ToString());
        Assert.Contains("not deleted", Assert.Single(revoke.Warnings), StringComparison.Ordinal);
        Assert.Equal(1, (await _sim.Iam.GetPolicyAsync(plan.PolicyArn!, CancellationToken.None)).AttachmentCount);
    }

    [Fact]
    public async Task Revoking_for_a_principal_that_does_not_exist_is_an_error()
    {
        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.RevokeAsync(IdentityKind.Role, "ghost", Bucket));

        Assert.Equal(("TargetNotFound", FailureKind.ObjectNotFound), (failure.ErrorId, failure.Kind));
    }
}

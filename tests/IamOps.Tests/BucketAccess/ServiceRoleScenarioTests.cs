using System.Text.Json;
using IamOps.Aws;
using IamOps.BucketAccess;
using IamOps.Policies;
using IamOps.Policy;
using IamOps.Roles;
using static IamOps.Tests.BucketAccess.SimulatedGrants;

namespace IamOps.Tests.BucketAccess;

/// <summary>
/// The seeds' scenario: an EC2 role that can copy files to one bucket without keys, its instance profile, and later
/// Lambda and SSM added to its trust; every step re-run changes nothing.
/// </summary>
public sealed class ServiceRoleScenarioTests
{
    private const string Bucket = "acme-backups";
    private const string Role = "backup-writer";
    private readonly SimulatedGrants _sim = new();

    public ServiceRoleScenarioTests() => _sim.Account.AddBucket(Bucket, "eu-west-1");

    private static BucketGrantRequest Step(params string[] services) => Request(IdentityKind.Role, Role, Bucket, "nightly/", BucketAccessLevel.Write, services);

    private async Task<IReadOnlyList<string>> TrustedServicesAsync()
    {
        var role = await _sim.Iam.GetRoleAsync(Role, CancellationToken.None);
        using var trust = JsonDocument.Parse(role.AssumeRolePolicyDocument);
        return trust.RootElement.GetProperty("Statement").EnumerateArray()
            .SelectMany(s => s.GetProperty("Principal").GetProperty("Service") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(e => e.GetString()!) : new[] { s.GetProperty("Principal").GetProperty("Service").GetString()! })
            .ToList();
    }

    [Fact]
    public async Task Ec2_role_with_bucket_access_then_lambda_and_ssm_each_step_idempotent()
    {
        var created = await _sim.GrantAsync(Step("ec2.amazonaws.com"));
        var rerunCreate = await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(Step("ec2.amazonaws.com")));

        Assert.Equal(BucketAccessStatus.Created, created.Status);
        Assert.Equal($"arn:aws:iam::{AccountId}:role/{Role}", created.PrincipalArn);
        Assert.Equal(0, rerunCreate);
        var profile = await _sim.Iam.GetInstanceProfileAsync(Role, CancellationToken.None);
        Assert.Equal(Role, Assert.Single(profile.Roles).RoleName);
        Assert.Equal(new[] { "ec2.amazonaws.com" }, await TrustedServicesAsync());
        var trustFindings = PolicyValidator.Validate((await _sim.Iam.GetRoleAsync(Role, CancellationToken.None)).AssumeRolePolicyDocument, new PolicyValidationOptions { PolicyType = PolicyType.Trust });
        Assert.True(trustFindings.All(f => f.Severity > FindingSeverity.Warning), string.Join(" | ", trustFindings));
        var policies = await _sim.IdentityPoliciesAsync(IdentityKind.Role, Role);
        Assert.Equal(EvaluationDecision.Allowed, policies.Decide(new AuthorizationRequest(created.PrincipalArn, "s3:PutObject", $"arn:aws:s3:::{Bucket}/nightly/db.dump")));
        Assert.Equal(EvaluationDecision.ImplicitDeny, policies.Decide(new AuthorizationRequest(created.PrincipalArn, "s3:PutObject", "arn:aws:s3:::acme-other/nightly/db.dump")));
        var inlineBefore = (await _sim.Iam.GetInlinePolicyAsync(IdentityKind.Role, Role, BucketGrantPolicy.InlinePolicyName(Bucket), CancellationToken.None)).PolicyDocument;

        var extended = await _sim.GrantAsync(Step("lambda.amazonaws.com", "ssm.amazonaws.com"));
        var rerunExtend = await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(Step("lambda.amazonaws.com", "ssm.amazonaws.com")));
        var rerunFirstStep = await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(Step("ec2.amazonaws.com")));

        Assert.Equal(BucketAccessStatus.Updated, extended.Status);
        Assert.Single(extended.Changes);
        Assert.Equal(new[] { "ec2.amazonaws.com", "lambda.amazonaws.com", "ssm.amazonaws.com" }, await TrustedServicesAsync());
        Assert.Equal(0, rerunExtend);
        Assert.Equal(0, rerunFirstStep);
        Assert.Equal(inlineBefore, (await _sim.Iam.GetInlinePolicyAsync(IdentityKind.Role, Role, BucketGrantPolicy.InlinePolicyName(Bucket), CancellationToken.None)).PolicyDocument);
        Assert.Equal(Role, Assert.Single((await _sim.Iam.GetInstanceProfileAsync(Role, CancellationToken.None)).Roles).RoleName);
    }

    [Fact]
    public async Task An_existing_trust_policy_only_gains_the_missing_service()
    {
        const string Trust = """{"Version":"2012-10-17","Statement":[{"Sid":"Ops","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""";
        await _sim.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = Role, AssumeRolePolicyDocument = Trust, Description = "hand-made" }, CancellationToken.None);

        var plan = await _sim.GrantAsync(Step("lambda.amazonaws.com"));

        var role = await _sim.Iam.GetRoleAsync(Role, CancellationToken.None);
        using var stored = JsonDocument.Parse(role.AssumeRolePolicyDocument);
        var statements = stored.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(2, statements.Count);
        Assert.True(PolicyText.SameDocument(JsonDocument.Parse(Trust).RootElement.GetProperty("Statement")[0].GetRawText(), statements[0].GetRawText()));
        Assert.Equal("lambda.amazonaws.com", statements[1].GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("hand-made", role.Description);
        Assert.Null(plan.Role!.InstanceProfileName);
        Assert.Null(await IamLookup.FindAsync(() => _sim.Iam.GetInstanceProfileAsync(Role, CancellationToken.None)));
    }

    [Fact]
    public async Task An_instance_profile_holding_another_role_is_an_error_before_any_write()
    {
        await _sim.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "other", AssumeRolePolicyDocument = TrustPolicy.Create(new RoleTrustRequest { RoleName = "other", Principals = new[] { TrustPrincipal.Service("ec2.amazonaws.com") } }) }, CancellationToken.None);
        await _sim.Iam.CreateInstanceProfileAsync(Role, null, Array.Empty<IamTag>(), CancellationToken.None);
        await _sim.Iam.AddRoleToInstanceProfileAsync(Role, "other", CancellationToken.None);

        IamOpsException? failure = null;
        var calls = await _sim.MutatingCallsOfAsync(async () => failure = await Assert.ThrowsAsync<IamOpsException>(() => _sim.GrantAsync(Step("ec2.amazonaws.com"))));

        Assert.Equal("InstanceProfileInUse", failure!.ErrorId);
        Assert.Contains("other", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_role_created_as_managed_grant_gets_the_policy_attached_after_it_exists()
    {
        var plan = await _sim.GrantAsync(Step("ec2.amazonaws.com") with { AsManagedPolicy = true });

        Assert.Equal(BucketAccessStatus.Created, plan.Status);
        var attached = await IamLookup.ToListAsync(_sim.Iam.ListAttachedPoliciesAsync(IdentityKind.Role, Role, CancellationToken.None), CancellationToken.None);
        Assert.Equal(plan.PolicyArn, Assert.Single(attached).PolicyArn);
        Assert.Equal(0, await _sim.MutatingCallsOfAsync(() => _sim.GrantAsync(Step("ec2.amazonaws.com") with { AsManagedPolicy = true })));
    }
}

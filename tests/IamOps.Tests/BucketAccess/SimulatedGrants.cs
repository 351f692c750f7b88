using IamOps.Accounts;
using IamOps.Aws;
using IamOps.BucketAccess;
using IamOps.Policy;
using IamOps.Principals;
using IamOps.Roles;
using IamOps.Simulator;

namespace IamOps.Tests.BucketAccess;

/// <summary>Runs grants and revokes against a simulated account the way the cmdlets do: plan, then apply each change in order.</summary>
internal sealed class SimulatedGrants
{
    public const string AccountId = "111122223333";

    public SimulatedGrants()
    {
        Account = new SimulatedAccount(AccountId);
        Aws = Account.Connect();
    }

    public SimulatedAccount Account { get; }

    public IAwsConnection Aws { get; }

    public IIam Iam => Aws.Iam;

    public static BucketGrantRequest Request(IdentityKind kind, string name, string bucket, string prefix = "", BucketAccessLevel access = BucketAccessLevel.Read, params string[] trustServices) => new()
    {
        Principal = new PrincipalTarget(kind, name),
        Grant = new BucketGrant { BucketName = bucket, Prefix = ObjectPrefix.Normalize(prefix), Access = access },
        TrustServices = trustServices.Select(TrustPrincipal.Service).ToList(),
    };

    public async Task<BucketGrantPlan> PlanGrantAsync(BucketGrantRequest request)
    {
        BucketGrantPlanner.Validate(request);
        var context = await AccountContext.LoadAsync(Aws, CancellationToken.None);
        return await new BucketGrantPlanner(Aws, context).PlanAsync(request, CancellationToken.None);
    }

    public async Task<BucketGrantPlan> GrantAsync(BucketGrantRequest request)
    {
        var plan = await PlanGrantAsync(request);
        foreach (var change in plan.Changes)
        {
            await change.Apply(CancellationToken.None);
        }

        return plan;
    }

    public async Task<BucketRevokePlan> RevokeAsync(IdentityKind kind, string name, string bucket, string? prefix = null)
    {
        var request = new BucketRevokeRequest { Principal = new PrincipalTarget(kind, name), BucketName = bucket, Prefix = prefix is null ? null : ObjectPrefix.Normalize(prefix) };
        BucketRevokePlanner.Validate(request);
        var context = await AccountContext.LoadAsync(Aws, CancellationToken.None);
        var plan = await new BucketRevokePlanner(Aws, context).PlanAsync(request, CancellationToken.None);
        foreach (var change in plan.Policies.SelectMany(p => p.Changes))
        {
            await change.Apply(CancellationToken.None);
        }

        return plan;
    }

    /// <summary>How many mutating calls <paramref name="action"/> made.</summary>
    public async Task<int> MutatingCallsOfAsync(Func<Task> action)
    {
        var before = Account.CallLog.MutatingCalls.Count;
        await action();
        return Account.CallLog.MutatingCalls.Count - before;
    }

    /// <summary>The principal's own identity policies as IAM holds them (inline and attached managed), ready for the policy engine.</summary>
    public async Task<PolicySet> IdentityPoliciesAsync(IdentityKind kind, string name)
    {
        var policies = new List<CompiledPolicy>();
        await foreach (var policyName in Iam.ListInlinePolicyNamesAsync(kind, name, CancellationToken.None))
        {
            var inline = await Iam.GetInlinePolicyAsync(kind, name, policyName, CancellationToken.None);
            policies.Add(CompiledPolicy.Compile(inline.PolicyDocument, policyName));
        }

        await foreach (var attached in Iam.ListAttachedPoliciesAsync(kind, name, CancellationToken.None))
        {
            var policy = await Iam.GetPolicyAsync(attached.PolicyArn, CancellationToken.None);
            var version = await Iam.GetPolicyVersionAsync(attached.PolicyArn, policy.DefaultVersionId, CancellationToken.None);
            policies.Add(CompiledPolicy.Compile(version.Document!, attached.PolicyName));
        }

        return new PolicySet(policies);
    }
}

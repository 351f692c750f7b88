using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Federation;

/// <summary>Add-IamIdentityProvider's capability: plan from live state, apply under the caller's ShouldProcess, report.</summary>
public static class IdentityProviderChanges
{
    /// <summary>Makes sure the provider exists as asked; throws when a change failed (the error says what was done).</summary>
    public static async Task<IdentityProviderResult> AddAsync(IAwsConnection aws, AccountContext account, IdentityProviderRequest request, ApplyCallbacks callbacks, CancellationToken cancellationToken)
    {
        var plan = await new IdentityProviderPlanner(aws, account).PlanAsync(request, cancellationToken).ConfigureAwait(false);
        var subject = request.Kind == IdentityProviderKind.Oidc ? "identity provider " + request.Url : "SAML provider " + request.Name;
        var applied = await new PlanApplier(callbacks).ApplyPlanAsync(plan.Warnings, plan.Changes, subject, plan.Arn, cancellationToken).ConfigureAwait(false);
        var status = applied.Any(a => a.Outcome == ChangeOutcome.Skipped) ? IdentityProviderStatus.WouldChange : plan.Status;
        return plan.ToResult(account.AccountId, status, applied.Select(a => a.ToString()).ToList());
    }
}

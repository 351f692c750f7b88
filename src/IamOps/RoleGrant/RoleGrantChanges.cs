using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.RoleGrant;

/// <summary>Grant- and Revoke-IamRoleAssume's capability: plan from live state, apply under the caller's ShouldProcess, report.</summary>
public static class RoleGrantChanges
{
    /// <summary>Grants what <paramref name="request"/> asks for; throws when a change failed (the error says what was done).</summary>
    public static async Task<RoleGrantResult> GrantAsync(IAwsConnection aws, AccountContext account, RoleGrantRequest request, ApplyCallbacks callbacks, CancellationToken cancellationToken)
    {
        var plan = await new RoleGrantPlanner(aws, account).PlanAsync(request, cancellationToken).ConfigureAwait(false);
        var applied = await new PlanApplier(callbacks).ApplyPlanAsync(plan.Warnings, plan.Changes, "role " + request.RoleName, request.RoleName, cancellationToken).ConfigureAwait(false);
        var status = applied.Any(a => a.Outcome == ChangeOutcome.Skipped) ? RoleGrantStatus.WouldChange : plan.Status;
        return RoleGrantResult.From(plan, account.AccountId, status, applied.Select(a => a.ToString()).ToList());
    }

    /// <summary>Revokes what <paramref name="request"/> names; throws when a change failed (the error says what was done).</summary>
    public static async Task<RoleRevokeResult> RevokeAsync(IAwsConnection aws, AccountContext account, RoleRevokeRequest request, ApplyCallbacks callbacks, CancellationToken cancellationToken)
    {
        var plan = await new RoleRevokePlanner(aws, account).PlanAsync(request, cancellationToken).ConfigureAwait(false);
        var applied = await new PlanApplier(callbacks).ApplyPlanAsync(plan.Warnings, plan.Changes, "role " + request.RoleName, request.RoleName, cancellationToken).ConfigureAwait(false);
        var status = applied.Any(a => a.Outcome == ChangeOutcome.Skipped) ? RoleRevokeStatus.WouldChange : plan.DoneStatus;
        return plan.ToResult(account.AccountId, status, applied.Select(a => a.ToString()).ToList());
    }
}

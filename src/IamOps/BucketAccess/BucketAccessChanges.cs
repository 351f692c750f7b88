using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.BucketAccess;

/// <summary>Grant- and Revoke-IamBucketAccess's capability: plan from live state, apply under the caller's ShouldProcess, report.</summary>
public static class BucketAccessChanges
{
    /// <summary>Grants the access <paramref name="request"/> asks for; throws when a change failed (the error says what was done).</summary>
    public static async Task<BucketAccessResult> GrantAsync(IAwsConnection aws, AccountContext account, BucketGrantRequest request, ApplyCallbacks callbacks, CancellationToken cancellationToken)
    {
        var plan = await new BucketGrantPlanner(aws, account).PlanAsync(request, cancellationToken).ConfigureAwait(false);
        var applied = await new PlanApplier(callbacks).ApplyPlanAsync(plan.Warnings, plan.Changes, request.Principal.ToString(), request.Principal.Name, cancellationToken).ConfigureAwait(false);
        var status = applied.Any(a => a.Outcome == ChangeOutcome.Skipped) ? BucketAccessStatus.WouldChange : plan.Status;
        return BucketAccessResult.FromGrant(plan, account.AccountId, status, applied.Select(a => a.ToString()).ToList());
    }

    /// <summary>
    /// Revokes what Grant-IamBucketAccess gave: one result per IamOps policy found (or one Unchanged result when none
    /// is); <paramref name="written"/> hears of each as it is done, so earlier ones are reported when a later one fails.
    /// </summary>
    /// <param name="nothing">Told when the principal holds no grant on the bucket, for the verbose stream.</param>
    public static async Task RevokeAsync(IAwsConnection aws, AccountContext account, BucketRevokeRequest request, ApplyCallbacks callbacks, Action<BucketAccessResult> written, Action<string> nothing, CancellationToken cancellationToken)
    {
        var plan = await new BucketRevokePlanner(aws, account).PlanAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var warning in plan.Warnings)
        {
            callbacks.Warning?.Invoke(warning);
        }

        if (plan.Policies.Count == 0)
        {
            nothing($"{request.Principal} holds no IamOps grant on s3://{request.BucketName}/{request.Prefix}; nothing to revoke.");
            written(BucketAccessResult.FromRevoke(plan, null, account.AccountId, BucketAccessStatus.Unchanged, Array.Empty<string>()));
            return;
        }

        var applier = new PlanApplier(callbacks);
        foreach (var policy in plan.Policies)
        {
            var applied = await applier.ApplyPlanAsync(Array.Empty<string>(), policy.Changes, request.Principal.ToString(), request.Principal.Name, cancellationToken).ConfigureAwait(false);
            var status = applied.Count == 0 ? BucketAccessStatus.Unchanged
                : applied.Any(a => a.Outcome == ChangeOutcome.Skipped) ? BucketAccessStatus.WouldChange
                : BucketAccessStatus.Removed;
            written(BucketAccessResult.FromRevoke(plan, policy, account.AccountId, status, applied.Select(a => a.ToString()).ToList()));
        }
    }
}

using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Policies;
using IamOps.Principals;

namespace IamOps.BucketAccess;

/// <summary>
/// Plans the removal of exactly what Grant-IamBucketAccess added: the prefix's statements from the bucket's inline
/// and managed IamOps policies, the policy itself once nothing is left, and nothing else of the principal.
/// </summary>
public sealed class BucketRevokePlanner
{
    private readonly IAwsConnection _aws;
    private readonly AccountContext _account;
    private readonly PrincipalLookup _reader;

    public BucketRevokePlanner(IAwsConnection aws, AccountContext account)
    {
        _aws = aws;
        _account = account;
        _reader = new PrincipalLookup(aws, account);
    }

    /// <summary>Offline checks: the principal's name, the bucket name, the prefix. Throws before anything is read or written.</summary>
    public static void Validate(BucketRevokeRequest request)
    {
        request.Principal.Check();
        S3BucketNames.Check(request.BucketName);
        if (request.Prefix is not null)
        {
            ObjectPrefix.CheckNormalized(request.Prefix);
        }
    }

    public async Task<BucketRevokePlan> PlanAsync(BucketRevokeRequest request, CancellationToken cancellationToken)
    {
        var principalArn = await _reader.PrincipalArnAsync(request.Principal, "check the name (nothing was revoked).", cancellationToken).ConfigureAwait(false);
        var warnings = new List<string>();
        var policies = new List<RevokedPolicy>();
        var inline = await PlanInlineAsync(request, cancellationToken).ConfigureAwait(false);
        if (inline is not null)
        {
            policies.Add(inline);
        }

        var managed = await PlanManagedAsync(request, warnings, cancellationToken).ConfigureAwait(false);
        if (managed is not null)
        {
            policies.Add(managed);
        }

        return new BucketRevokePlan(request, principalArn, policies, warnings);
    }

    private async Task<RevokedPolicy?> PlanInlineAsync(BucketRevokeRequest request, CancellationToken cancellationToken)
    {
        var principal = request.Principal;
        var policyName = BucketGrantPolicy.InlinePolicyName(request.BucketName);
        var existing = await _reader.InlineDocumentAsync(principal, policyName, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        var removal = BucketGrantPolicy.Remove(existing, _account.Partition, request.BucketName, request.Prefix, $"inline policy {policyName} of {principal}");
        if (!removal.Changed)
        {
            return null;
        }

        var remaining = removal.RemainingDocument;
        var change = remaining is null
            ? new PlannedChange(ChangeKind.Delete, principal.ToString(), $"Delete inline policy {policyName} from", "nothing else is left in it",
                ct => _aws.Iam.DeleteInlinePolicyAsync(principal.Kind, principal.Name, policyName, ct))
            : new PlannedChange(ChangeKind.Update, principal.ToString(), $"Remove the statements for {Scope(request)} from inline policy {policyName} of", "other statements stay",
                ct => _aws.Iam.PutInlinePolicyAsync(principal.Kind, principal.Name, policyName, remaining, ct));
        return new RevokedPolicy(GrantPolicyType.Inline, policyName, null, remaining, new[] { change });
    }

    private async Task<RevokedPolicy?> PlanManagedAsync(BucketRevokeRequest request, List<string> warnings, CancellationToken cancellationToken)
    {
        var principal = request.Principal;
        var policyName = BucketGrantPolicy.ManagedPolicyName(request.BucketName, principal);
        var policyArn = BucketGrantPolicy.ManagedPolicyArn(_account, request.BucketName, principal);
        var (policy, existing) = await _reader.ManagedAsync(policyArn, cancellationToken).ConfigureAwait(false);
        if (policy is null || existing is null)
        {
            return null;
        }

        var removal = BucketGrantPolicy.Remove(existing, _account.Partition, request.BucketName, request.Prefix, $"managed policy {policyName}");
        if (!removal.Changed)
        {
            return null;
        }

        var target = "policy " + policyName;
        if (removal.RemainingDocument is { } remaining)
        {
            return new RevokedPolicy(GrantPolicyType.Managed, policyName, policyArn, remaining, new[]
            {
                new PlannedChange(ChangeKind.Update, target, $"Create new default version without the statements for {Scope(request)} of", "other statements stay",
                    ct => ManagedPolicyVersions.ReplaceDefaultAsync(_aws.Iam, policyArn, remaining, ct)),
            });
        }

        var changes = new List<PlannedChange>();
        var attached = await _reader.IsAttachedAsync(principal, policyArn, cancellationToken).ConfigureAwait(false);
        if (attached)
        {
            changes.Add(new PlannedChange(ChangeKind.Detach, principal.ToString(), $"Detach managed policy {policyName} from", "its grant is revoked",
                ct => _aws.Iam.DetachPolicyAsync(principal.Kind, principal.Name, policyArn, ct)));
        }

        var otherUses = policy.AttachmentCount - (attached ? 1 : 0) + policy.PermissionsBoundaryUsageCount;
        if (otherUses == 0)
        {
            changes.Add(new PlannedChange(ChangeKind.Delete, target, "Delete managed policy", "IamOps created it for this grant and nothing else uses it",
                ct => ManagedPolicyVersions.DeleteAsync(_aws.Iam, policyArn, ct)));
        }
        else
        {
            warnings.Add($"Managed policy {policyName} is still used by {otherUses} other attachment(s) or boundary; it was {(attached ? "detached from " + principal + " but " : string.Empty)}not deleted.");
        }

        return new RevokedPolicy(GrantPolicyType.Managed, policyName, policyArn, null, changes);
    }

    private static string Scope(BucketRevokeRequest request) =>
        request.Prefix is null ? $"s3://{request.BucketName}" : $"s3://{request.BucketName}/{request.Prefix}";
}

using IamOps.Planning;

namespace IamOps.BucketAccess;

/// <summary>One IamOps bucket policy of the principal (inline or managed) and the changes that take the grant out of it.</summary>
public sealed class RevokedPolicy
{
    internal RevokedPolicy(GrantPolicyType policyType, string policyName, string? policyArn, string? remainingDocument, IReadOnlyList<PlannedChange> changes)
    {
        PolicyType = policyType;
        PolicyName = policyName;
        PolicyArn = policyArn;
        RemainingDocument = remainingDocument;
        Changes = changes;
    }

    public GrantPolicyType PolicyType { get; }

    public string PolicyName { get; }

    public string? PolicyArn { get; }

    /// <summary>What the policy holds afterwards; null when it is deleted (or detached and deleted).</summary>
    public string? RemainingDocument { get; }

    public IReadOnlyList<PlannedChange> Changes { get; }
}

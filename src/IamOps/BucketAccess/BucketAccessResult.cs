using IamOps.Aws;

namespace IamOps.BucketAccess;

/// <summary>One grant or revoke as it came out: whose access, to what, through which policy, and what changed.</summary>
public sealed class BucketAccessResult
{
    public string Account { get; init; } = string.Empty;

    /// <summary>User, Group or Role.</summary>
    public IdentityKind PrincipalType { get; init; }

    public string PrincipalName { get; init; } = string.Empty;

    public string PrincipalArn { get; init; } = string.Empty;

    public string BucketName { get; init; } = string.Empty;

    /// <summary>The normalized prefix ('' for the whole bucket); null on a revoke of every prefix.</summary>
    public string? Prefix { get; init; }

    /// <summary>The access granted; null on a revoke.</summary>
    public BucketAccessLevel? Access { get; init; }

    public bool AllowDelete { get; init; }

    public string? KmsKeyArn { get; init; }

    public GrantPolicyType PolicyType { get; init; }

    public string PolicyName { get; init; } = string.Empty;

    /// <summary>The managed policy's ARN; null for an inline policy.</summary>
    public string? PolicyArn { get; init; }

    public BucketAccessStatus Status { get; init; }

    /// <summary>The policy document as written (or, with -WhatIf, as it would be written); null once a revoke deleted it.</summary>
    public string? PolicyDocument { get; init; }

    /// <summary>For a role given -TrustService: the services its trust policy names for this grant.</summary>
    public IReadOnlyList<string> TrustedServices { get => _trustedServices; init => _trustedServices = TextList.From(value); }

    private readonly TextList _trustedServices = TextList.Empty;

    /// <summary>For an EC2 role: the instance profile holding it.</summary>
    public string? InstanceProfileName { get; init; }

    /// <summary>Each change made, skipped (-WhatIf) or failed, in order.</summary>
    public IReadOnlyList<string> Changes { get => _changes; init => _changes = TextList.From(value); }

    private readonly TextList _changes = TextList.Empty;

    internal static BucketAccessResult FromGrant(BucketGrantPlan plan, string account, BucketAccessStatus status, IReadOnlyList<string> changes)
    {
        var request = plan.Request;
        return new BucketAccessResult
        {
            Account = account,
            PrincipalType = request.Principal.Kind,
            PrincipalName = request.Principal.Name,
            PrincipalArn = plan.PrincipalArn,
            BucketName = request.Grant.BucketName,
            Prefix = request.Grant.Prefix,
            Access = request.Grant.Access,
            AllowDelete = request.Grant.AllowDelete,
            KmsKeyArn = request.Grant.KmsKeyArn,
            PolicyType = plan.PolicyType,
            PolicyName = plan.PolicyName,
            PolicyArn = plan.PolicyArn,
            Status = status,
            PolicyDocument = plan.PolicyDocument,
            TrustedServices = request.TrustServices.Select(s => s.Value).ToList(),
            InstanceProfileName = plan.Role?.InstanceProfileName,
            Changes = changes,
        };
    }

    /// <summary>A revoke's result for one policy, or, when <paramref name="policy"/> is null, for finding nothing to revoke.</summary>
    internal static BucketAccessResult FromRevoke(BucketRevokePlan plan, RevokedPolicy? policy, string account, BucketAccessStatus status, IReadOnlyList<string> changes) => new()
    {
        Account = account,
        PrincipalType = plan.Request.Principal.Kind,
        PrincipalName = plan.Request.Principal.Name,
        PrincipalArn = plan.PrincipalArn,
        BucketName = plan.Request.BucketName,
        Prefix = plan.Request.Prefix,
        PolicyType = policy?.PolicyType ?? GrantPolicyType.Inline,
        PolicyName = policy?.PolicyName ?? BucketGrantPolicy.InlinePolicyName(plan.Request.BucketName),
        PolicyArn = policy?.PolicyArn,
        Status = status,
        PolicyDocument = policy?.RemainingDocument,
        Changes = changes,
    };
}

using IamOps.Planning;
using IamOps.Roles;

namespace IamOps.BucketAccess;

/// <summary>The changes one grant needs, the policy document it leads to, and what the user should be warned about.</summary>
public sealed class BucketGrantPlan
{
    internal BucketGrantPlan(BucketGrantRequest request, string principalArn, GrantPolicyType policyType, string policyName, string? policyArn, string policyDocument, bool policyExisted, RoleTrustPlan? role, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> warnings)
    {
        Request = request;
        PrincipalArn = principalArn;
        PolicyType = policyType;
        PolicyName = policyName;
        PolicyArn = policyArn;
        PolicyDocument = policyDocument;
        PolicyExisted = policyExisted;
        Role = role;
        Changes = changes;
        Warnings = warnings;
    }

    public BucketGrantRequest Request { get; }

    public string PrincipalArn { get; }

    public GrantPolicyType PolicyType { get; }

    public string PolicyName { get; }

    /// <summary>The managed policy's ARN; null for an inline policy.</summary>
    public string? PolicyArn { get; }

    /// <summary>The policy document once the plan is applied.</summary>
    public string PolicyDocument { get; }

    /// <summary>False when the plan creates the policy (or the role that will hold it).</summary>
    public bool PolicyExisted { get; }

    /// <summary>The role-and-trust part, when -TrustService was given.</summary>
    public RoleTrustPlan? Role { get; }

    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>Things the user should know that do not stop the grant, such as a bucket that does not exist yet.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Created for a new policy or role, Updated when an existing one changes, Unchanged when nothing does.</summary>
    public BucketAccessStatus Status =>
        Changes.Count == 0 ? BucketAccessStatus.Unchanged
        : !PolicyExisted || Role is { RoleExists: false } ? BucketAccessStatus.Created
        : BucketAccessStatus.Updated;
}

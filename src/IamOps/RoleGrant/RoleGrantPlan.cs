using IamOps.Planning;
using IamOps.Roles;

namespace IamOps.RoleGrant;

/// <summary>What one grant needs: the role and its trust, its managed policies, the grantee's permission, the instances.</summary>
public sealed class RoleGrantPlan
{
    internal RoleGrantPlan(RoleGrantRequest request, RoleTrustPlan role, IReadOnlyList<string> trustedPrincipals, string? permissionPolicyName, string? permissionPolicyDocument, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> warnings)
    {
        Request = request;
        Role = role;
        TrustedPrincipals = trustedPrincipals;
        PermissionPolicyName = permissionPolicyName;
        PermissionPolicyDocument = permissionPolicyDocument;
        Changes = changes;
        Warnings = warnings;
    }

    public RoleGrantRequest Request { get; }

    /// <summary>The role-and-trust part, shared with Grant-IamBucketAccess -TrustService.</summary>
    public RoleTrustPlan Role { get; }

    /// <summary>The principals the grant's trust statement names (account root ARNs or service principals).</summary>
    public IReadOnlyList<string> TrustedPrincipals { get; }

    /// <summary>The trust request the grant made, to read back what the trust policy requires of its principals.</summary>
    internal RoleTrustRequest? Trust { get; init; }

    /// <summary>For a user or group: the inline policy that allows sts:AssumeRole on the role; null otherwise.</summary>
    public string? PermissionPolicyName { get; }

    /// <summary>That policy's document once the plan is applied.</summary>
    public string? PermissionPolicyDocument { get; }

    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>Things the user should know that do not stop the grant, e.g. a looser statement already in the trust policy.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Created for a new role, Updated when anything else changes, Unchanged when nothing does.</summary>
    public RoleGrantStatus Status =>
        Changes.Count == 0 ? RoleGrantStatus.Unchanged
        : Role.RoleExists ? RoleGrantStatus.Updated
        : RoleGrantStatus.Created;
}

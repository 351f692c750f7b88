namespace IamOps.RoleGrant;

/// <summary>One Grant-IamRoleAssume as it came out: the role, who may assume it and how, and what changed.</summary>
public sealed class RoleGrantResult
{
    public string Account { get; init; } = string.Empty;

    public string RoleName { get; init; } = string.Empty;

    /// <summary>What Invoke-IamRoleAssume -RoleArn (or another account's AssumeRole call) names.</summary>
    public string RoleArn { get; init; } = string.Empty;

    /// <summary>User, Group, Account or Service.</summary>
    public RoleGranteeKind GranteeType { get; init; }

    /// <summary>The user or group name, the account ids, or the service principals.</summary>
    public IReadOnlyList<string> Grantee { get; init; } = Array.Empty<string>();

    /// <summary>The principals this grant's trust statement names: account root ARNs or service principals.</summary>
    public IReadOnlyList<string> TrustedPrincipals { get; init; } = Array.Empty<string>();

    public bool RequireMfa { get; init; }

    /// <summary>Whether the trust requires an external id (the id itself is not repeated here).</summary>
    public bool ExternalIdRequired { get; init; }

    /// <summary>The role's maximum session duration in seconds.</summary>
    public int MaxSessionDuration { get; init; }

    /// <summary>The managed policies this grant made sure are attached to the role.</summary>
    public IReadOnlyList<string> PolicyArns { get; init; } = Array.Empty<string>();

    /// <summary>For a user or group: the inline policy allowing sts:AssumeRole on the role.</summary>
    public string? PermissionPolicyName { get; init; }

    /// <summary>For an EC2 role: the instance profile holding it.</summary>
    public string? InstanceProfileName { get; init; }

    /// <summary>The instances that run with the instance profile.</summary>
    public IReadOnlyList<string> InstanceIds { get; init; } = Array.Empty<string>();

    public RoleGrantStatus Status { get; init; }

    /// <summary>The trust policy as written (or, with -WhatIf, as it would be written).</summary>
    public string TrustPolicyDocument { get; init; } = string.Empty;

    /// <summary>The grantee's permission policy as written; null for accounts and services.</summary>
    public string? PermissionPolicyDocument { get; init; }

    /// <summary>Each change made, skipped (-WhatIf) or failed, in order.</summary>
    public IReadOnlyList<string> Changes { get; init; } = Array.Empty<string>();

    internal static RoleGrantResult From(RoleGrantPlan plan, string account, RoleGrantStatus status, IReadOnlyList<string> changes)
    {
        var request = plan.Request;
        return new RoleGrantResult
        {
            Account = account,
            RoleName = plan.Role.RoleName,
            RoleArn = plan.Role.RoleArn,
            GranteeType = request.GranteeKind,
            Grantee = request.Grantees,
            TrustedPrincipals = plan.TrustedPrincipals,
            RequireMfa = request.RequireMfa,
            ExternalIdRequired = request.ExternalId is not null,
            MaxSessionDuration = plan.Role.MaxSessionDuration,
            PolicyArns = request.PolicyArns,
            PermissionPolicyName = plan.PermissionPolicyName,
            InstanceProfileName = plan.Role.InstanceProfileName,
            InstanceIds = request.InstanceIds,
            Status = status,
            TrustPolicyDocument = plan.Role.TrustPolicyDocument,
            PermissionPolicyDocument = plan.PermissionPolicyDocument,
            Changes = changes,
        };
    }
}

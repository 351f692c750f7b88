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
    public IReadOnlyList<string> Grantee { get => _grantee; init => _grantee = TextList.From(value); }

    private readonly TextList _grantee = TextList.Empty;

    /// <summary>The principals this grant's trust statement names: account root ARNs or service principals.</summary>
    public IReadOnlyList<string> TrustedPrincipals { get => _trustedPrincipals; init => _trustedPrincipals = TextList.From(value); }

    private readonly TextList _trustedPrincipals = TextList.Empty;

    /// <summary>Whether the role's trust policy requires MFA of the grantee (every statement trusting it has aws:MultiFactorAuthPresent true).</summary>
    public bool RequireMfa { get; init; }

    /// <summary>Whether the trust requires an external id (the id itself is not repeated here).</summary>
    public bool ExternalIdRequired { get; init; }

    /// <summary>The role's maximum session duration in seconds.</summary>
    public int MaxSessionDuration { get; init; }

    /// <summary>The managed policies this grant made sure are attached to the role.</summary>
    public IReadOnlyList<string> PolicyArns { get => _policyArns; init => _policyArns = TextList.From(value); }

    private readonly TextList _policyArns = TextList.Empty;

    /// <summary>For a user or group: the inline policy allowing sts:AssumeRole on the role.</summary>
    public string? PermissionPolicyName { get; init; }

    /// <summary>For an EC2 role: the instance profile holding it.</summary>
    public string? InstanceProfileName { get; init; }

    /// <summary>The instances that run with the instance profile.</summary>
    public IReadOnlyList<string> InstanceIds { get => _instanceIds; init => _instanceIds = TextList.From(value); }

    private readonly TextList _instanceIds = TextList.Empty;

    public RoleGrantStatus Status { get; init; }

    /// <summary>The trust policy as written (or, with -WhatIf, as it would be written).</summary>
    public string TrustPolicyDocument { get; init; } = string.Empty;

    /// <summary>The grantee's permission policy as written; null for accounts and services.</summary>
    public string? PermissionPolicyDocument { get; init; }

    /// <summary>Each change made, skipped (-WhatIf) or failed, in order.</summary>
    public IReadOnlyList<string> Changes { get => _changes; init => _changes = TextList.From(value); }

    private readonly TextList _changes = TextList.Empty;

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
            RequireMfa = plan.Trust is { } trust && !string.IsNullOrEmpty(plan.Role.TrustPolicyDocument)
                ? Roles.TrustPolicy.Requires(plan.Role.TrustPolicyDocument, trust, Roles.TrustCondition.RequireMfa())
                : request.RequireMfa,
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

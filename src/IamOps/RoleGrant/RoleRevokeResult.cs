namespace IamOps.RoleGrant;

/// <summary>One Revoke-IamRoleAssume as it came out.</summary>
public sealed class RoleRevokeResult
{
    public RoleRevokeStatus Status { get; init; }

    public string RoleName { get; init; } = string.Empty;

    public string Account { get; init; } = string.Empty;

    /// <summary>The role's ARN; null when it did not exist.</summary>
    public string? RoleArn { get; init; }

    /// <summary>User, Group, Account or Service; null with -RevokeSessions alone.</summary>
    public RoleGranteeKind? GranteeType { get; init; }

    public IReadOnlyList<string> Grantee { get; init; } = Array.Empty<string>();

    /// <summary>The principals taken out of the trust policy.</summary>
    public IReadOnlyList<string> RemovedPrincipals { get; init; } = Array.Empty<string>();

    /// <summary>Sessions issued before this time (UTC) are denied; null when -RevokeSessions was not given.</summary>
    public DateTime? SessionsRevokedBefore { get; init; }

    /// <summary>The trust policy as written (or as it would be); null when the role is (or would be) deleted or does not exist.</summary>
    public string? TrustPolicyDocument { get; init; }

    /// <summary>Each change made, skipped (-WhatIf) or failed, in order.</summary>
    public IReadOnlyList<string> Changes { get; init; } = Array.Empty<string>();
}

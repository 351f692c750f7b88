namespace IamOps.RoleGrant;

/// <summary>One Revoke-IamRoleAssume input: the role, whom to take off it (as Grant-IamRoleAssume named them), and what else to do.</summary>
public sealed record RoleRevokeRequest
{
    public string RoleName { get; init; } = string.Empty;

    public RoleGranteeKind GranteeKind { get; init; }

    /// <summary>The user name, the group name, the account ids or the service principals; empty with -RevokeSessions alone.</summary>
    public IReadOnlyList<string> Grantees { get; init; } = Array.Empty<string>();

    /// <summary>Delete the role (with its instance profile, policies and attachments) once nothing trusts it.</summary>
    public bool DeleteRole { get; init; }

    /// <summary>Deny every session of the role issued before now (the console's "Revoke active sessions").</summary>
    public bool RevokeSessions { get; init; }
}

namespace IamOps.RoleGrant;

/// <summary>What Revoke-IamRoleAssume did.</summary>
public enum RoleRevokeStatus
{
    /// <summary>The grantee's trust or permission was removed, and/or older sessions were revoked; the role stays.</summary>
    Revoked,

    /// <summary>The role, its instance profile and its policies were deleted.</summary>
    RoleDeleted,

    /// <summary>Nothing to do: the grant was already gone (or the role does not exist).</summary>
    Unchanged,

    /// <summary>-WhatIf, or a declined confirmation: the changes were shown, not made.</summary>
    WouldChange,
}

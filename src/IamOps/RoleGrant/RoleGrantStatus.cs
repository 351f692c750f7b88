namespace IamOps.RoleGrant;

/// <summary>What Grant-IamRoleAssume did.</summary>
public enum RoleGrantStatus
{
    /// <summary>The role was created.</summary>
    Created,

    /// <summary>An existing role, its trust, its policies, the grantee's permission or an instance changed.</summary>
    Updated,

    /// <summary>Everything was already as asked; no call changed anything.</summary>
    Unchanged,

    /// <summary>-WhatIf, or a declined confirmation: the changes were shown, not made.</summary>
    WouldChange,
}

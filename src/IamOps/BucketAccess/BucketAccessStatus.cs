namespace IamOps.BucketAccess;

/// <summary>What a grant or revoke did.</summary>
public enum BucketAccessStatus
{
    /// <summary>The policy (or the role holding it) was created.</summary>
    Created,

    /// <summary>An existing policy or trust policy was changed.</summary>
    Updated,

    /// <summary>Everything was already as asked; no call changed anything.</summary>
    Unchanged,

    /// <summary>-WhatIf, or a declined confirmation: the changes were shown, not made.</summary>
    WouldChange,

    /// <summary>Revoke took the grant's statements (or the whole policy) away.</summary>
    Removed,
}

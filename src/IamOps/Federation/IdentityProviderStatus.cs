namespace IamOps.Federation;

/// <summary>What Add-IamIdentityProvider did.</summary>
public enum IdentityProviderStatus
{
    /// <summary>The provider was created.</summary>
    Created,

    /// <summary>An existing provider got client ids or thumbprints.</summary>
    Updated,

    /// <summary>The provider was already as asked; no call changed anything.</summary>
    Unchanged,

    /// <summary>-WhatIf, or a declined confirmation: the changes were shown, not made.</summary>
    WouldChange,
}

namespace IamOps.Audit.StaleCredentials;

/// <summary>What became of one clean-up change.</summary>
public enum StaleCredentialStatus
{
    /// <summary>Applied.</summary>
    Changed,

    /// <summary>Planned and not applied: -WhatIf, or the confirmation was declined.</summary>
    WouldChange,

    /// <summary>Applying it failed (the error says why; a re-run picks it up).</summary>
    Failed,

    /// <summary>Not attempted because an earlier change of the same user failed.</summary>
    NotAttempted,
}

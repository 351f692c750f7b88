namespace IamOps.Planning;

/// <summary>What became of one planned change.</summary>
public enum ChangeOutcome
{
    /// <summary>Applied successfully.</summary>
    Applied,

    /// <summary>Not applied: -WhatIf, or the user declined the confirmation.</summary>
    Skipped,

    /// <summary>Applying it failed; later changes of the same plan were not attempted.</summary>
    Failed,

    /// <summary>Not attempted because an earlier change failed; a re-run picks it up.</summary>
    NotAttempted,
}

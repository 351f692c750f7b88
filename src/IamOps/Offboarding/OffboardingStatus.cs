namespace IamOps.Offboarding;

/// <summary>What Remove-IamDeveloper did to one user.</summary>
public enum OffboardingStatus
{
    /// <summary>The user and everything that blocked its deletion are gone.</summary>
    Removed,

    /// <summary>-Disable: keys deactivated, console password and groups removed, the user tagged and kept.</summary>
    Disabled,

    /// <summary>Nothing to do: the user does not exist, or (with -Disable) it is already disabled.</summary>
    Unchanged,

    /// <summary>-WhatIf, or a declined confirmation: the steps were shown, not made.</summary>
    WouldChange,

    /// <summary>A step failed (its error was written); running the command again finishes the job.</summary>
    Failed,
}

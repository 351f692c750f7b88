namespace IamOps.LeastPrivilege;

/// <summary>What became of a proposal.</summary>
public enum LeastPrivilegeStatus
{
    /// <summary>Proposed only (no -Apply).</summary>
    Proposed,

    /// <summary>The managed policy was created with the proposal.</summary>
    Created,

    /// <summary>The proposal became the managed policy's new default version.</summary>
    Updated,

    /// <summary>The managed policy already holds the proposal: nothing to do.</summary>
    Unchanged,

    /// <summary>-WhatIf, or the change was declined: nothing was written.</summary>
    NotApplied,
}

namespace IamOps.Baseline;

/// <summary>Where a baseline control stands after the run.</summary>
public enum ControlStatus
{
    /// <summary>Already as asked; nothing was changed.</summary>
    Compliant,

    /// <summary>Changed by this run.</summary>
    Changed,

    /// <summary>Would change; shown under -WhatIf or when the confirmation was declined.</summary>
    WouldChange,

    /// <summary>Needs a person: something the API cannot do, or that needs an explicit switch (-ReplaceAccountAlias).</summary>
    ActionRequired,

    /// <summary>A change failed (or was not attempted after an earlier failure); run again to converge.</summary>
    Failed,
}

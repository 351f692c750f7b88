namespace IamOps.Planning;

/// <summary>
/// What the applier asks before a change (PowerShell's ShouldProcess): the target and action of one change, or, for a
/// plan approved as a whole, a description listing its steps, the confirmation's question and its caption.
/// </summary>
public sealed record ApprovalQuestion(string Target, string Action)
{
    /// <summary>The text -WhatIf shows for a plan approved as a whole; null for one change (then Target and Action are shown).</summary>
    public string? Description { get; init; }

    /// <summary>The question -Confirm asks for a plan approved as a whole.</summary>
    public string? Warning { get; init; }

    /// <summary>The caption of the -Confirm prompt for a plan approved as a whole.</summary>
    public string? Caption { get; init; }

    /// <summary>The question for one change: "Create group" on "group Developers".</summary>
    public static ApprovalQuestion For(PlannedChange change) => new(change.Target, change.Description);
}

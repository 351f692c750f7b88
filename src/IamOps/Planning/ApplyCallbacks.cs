namespace IamOps.Planning;

/// <summary>
/// How the applier talks to whoever runs it (a cmdlet: ShouldProcess, warnings, verbose, progress). Every callback
/// may be called from any thread; the caller brings them to the pipeline thread.
/// </summary>
public sealed class ApplyCallbacks
{
    /// <summary>Approves a change or a whole plan; false (-WhatIf, or the user said no) means it is Skipped, with no call made.</summary>
    public Func<ApprovalQuestion, bool> ShouldProcess { get; init; } = _ => true;

    /// <summary>A plan's warning (something the caller should know before the changes are asked about).</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>A change was approved and is about to be sent (e.g. to warn about a high-impact one).</summary>
    public Action<PlannedChange>? Applying { get; init; }

    /// <summary>The outcome of each change of a single plan, as it comes (batches report per item through <see cref="Progress"/>).</summary>
    public Action<AppliedChange>? Applied { get; init; }

    /// <summary>A batch's progress, after each item and once more when it is complete.</summary>
    public Action<ApplyProgress>? Progress { get; init; }

    /// <summary>Approves everything and reports nothing: for callers with no one to ask.</summary>
    public static ApplyCallbacks ApproveAll { get; } = new();

    /// <summary>Approves nothing (-WhatIf): every change is Skipped.</summary>
    public static ApplyCallbacks DeclineAll { get; } = new() { ShouldProcess = _ => false };
}

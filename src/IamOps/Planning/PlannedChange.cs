namespace IamOps.Planning;

/// <summary>
/// One change a planner found necessary: what it touches, what it does and why, and how to apply it. Applying is the
/// only mutating step; a plan that is shown (-WhatIf) and not applied makes no call that changes anything.
/// </summary>
public sealed class PlannedChange
{
    public PlannedChange(ChangeKind kind, string target, string description, string reason, Func<CancellationToken, Task> apply, ChangeImpact impact = ChangeImpact.Medium)
    {
        Kind = kind;
        Target = target;
        Description = description;
        Reason = reason;
        Apply = apply;
        Impact = impact;
    }

    public ChangeKind Kind { get; }

    /// <summary>What the change touches, e.g. <c>user alice</c>.</summary>
    public string Target { get; }

    /// <summary>The action as a user reads it, e.g. <c>Create login profile (password reset required)</c>.</summary>
    public string Description { get; }

    /// <summary>Why it is needed, e.g. <c>user does not exist</c>.</summary>
    public string Reason { get; }

    public ChangeImpact Impact { get; }

    public Func<CancellationToken, Task> Apply { get; }

    /// <summary>
    /// The change returns a secret AWS shows only once (a new access key, a console password, an MFA seed) or spends one
    /// (MFA codes): the applier
    /// sends it again only after AWS refused it (throttling), never after a failure that may have landed.
    /// </summary>
    public bool ReturnsSecret { get; init; }

    public override string ToString() => $"{Description} on {Target} ({Reason})";
}

using IamOps.Planning;

namespace IamOps.Baseline;

/// <summary>One control as planned: its state as read, and the changes that would make it compliant.</summary>
public sealed class ControlPlan
{
    public ControlPlan(string control, string title, string detail, IReadOnlyList<PlannedChange> changes, string? manualFix = null)
    {
        Control = control;
        Title = title;
        Detail = detail;
        Changes = changes;
        ManualFix = manualFix;
    }

    public string Control { get; }

    public string Title { get; }

    public string Detail { get; }

    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>What Detail says once the changes are applied; null: the applied changes, in the past tense.</summary>
    public string? DoneDetail { get; init; }

    /// <summary>The admin user the control is about; null for account-wide controls.</summary>
    public string? UserName { get; init; }

    /// <summary>Set when a person must act (the API cannot, or a switch such as -ReplaceAccountAlias is needed): the control is ActionRequired.</summary>
    public string? ManualFix { get; }
}

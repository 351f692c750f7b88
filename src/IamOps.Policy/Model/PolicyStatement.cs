namespace IamOps.Policy;

/// <summary>One statement of a policy document. Absent elements are null.</summary>
public sealed class PolicyStatement
{
    /// <summary>Position of the statement in the document (0-based).</summary>
    public int Index { get; init; }

    /// <summary>Where the statement object starts.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>The Sid, or null.</summary>
    public PolicyValue? Sid { get; init; }

    /// <summary>The Effect as written ("Allow" or "Deny" when valid), or null.</summary>
    public PolicyValue? Effect { get; init; }

    /// <summary>The Principal element, or null.</summary>
    public PolicyPrincipal? Principal { get; init; }

    /// <summary>The NotPrincipal element, or null.</summary>
    public PolicyPrincipal? NotPrincipal { get; init; }

    /// <summary>The Action element, or null.</summary>
    public PolicyValueList? Action { get; init; }

    /// <summary>The NotAction element, or null.</summary>
    public PolicyValueList? NotAction { get; init; }

    /// <summary>The Resource element, or null.</summary>
    public PolicyValueList? Resource { get; init; }

    /// <summary>The NotResource element, or null.</summary>
    public PolicyValueList? NotResource { get; init; }

    /// <summary>Where the Condition element is written, when present.</summary>
    public SourceLocation? ConditionLocation { get; init; }

    /// <summary>The operator/key pairs of the Condition element, in written order (empty when absent).</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = Array.Empty<PolicyCondition>();

    /// <summary>True when Effect is exactly "Allow".</summary>
    public bool IsAllow => Effect?.Text == "Allow";

    /// <summary>True when Effect is exactly "Deny".</summary>
    public bool IsDeny => Effect?.Text == "Deny";
}

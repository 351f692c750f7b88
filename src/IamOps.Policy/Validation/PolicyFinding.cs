namespace IamOps.Policy;

/// <summary>One problem found in a policy document.</summary>
public sealed class PolicyFinding
{
    /// <summary>Creates a finding.</summary>
    public PolicyFinding(FindingSeverity severity, string checkId, string message, SourceLocation location, int? statementIndex = null, string? sid = null)
    {
        Severity = severity;
        CheckId = checkId ?? throw new ArgumentNullException(nameof(checkId));
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Location = location;
        StatementIndex = statementIndex;
        Sid = sid;
    }

    /// <summary>How serious it is.</summary>
    public FindingSeverity Severity { get; }

    /// <summary>Stable identifier in UPPER_SNAKE, one of <see cref="PolicyCheckIds"/>.</summary>
    public string CheckId { get; }

    /// <summary>What is wrong and how to fix it.</summary>
    public string Message { get; }

    /// <summary>The statement's 0-based index, or null for document-level findings.</summary>
    public int? StatementIndex { get; }

    /// <summary>The statement's Sid, when it has one.</summary>
    public string? Sid { get; }

    /// <summary>Where the problem is.</summary>
    public SourceLocation Location { get; }

    /// <summary>1-based line (0 when unknown).</summary>
    public int Line => Location.Line;

    /// <summary>1-based column (0 when unknown).</summary>
    public int Column => Location.Column;

    /// <inheritdoc />
    public override string ToString() => $"{Severity} {CheckId} at {Location}: {Message}";
}

using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>One lint finding of Test-IamPolicy: the engine's finding plus the document it was found in.</summary>
public sealed record PolicyCheckFinding
{
    public FindingSeverity Severity { get; init; }

    /// <summary>A stable id such as PASS_ROLE_WITH_STAR_IN_RESOURCE.</summary>
    public string CheckId { get; init; } = string.Empty;

    /// <summary>What is wrong and how to fix it.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The statement as "index" or "index (Sid)"; null for document-level findings.</summary>
    public string? Statement { get; init; }

    /// <summary>The statement's 0-based index; null for document-level findings.</summary>
    public int? StatementIndex { get; init; }

    public string? Sid { get; init; }

    /// <summary>1-based; 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>1-based; 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>The file path, or PolicyDocument[i] for the i-th document given as text or object.</summary>
    public string Source { get; init; } = string.Empty;

    public override string ToString() => $"{Source}:{Line}:{Column} {Severity} {CheckId}: {Message}";
}

namespace IamOps.Audit;

/// <summary>The whole review: the findings, most urgent first, and what was looked at (for the HTML and Markdown pages).</summary>
public sealed class SecurityReport
{
    public string AccountId { get; init; } = string.Empty;

    /// <summary>When IAM generated the credential report the credential checks read (UTC).</summary>
    public DateTime CredentialReportTime { get; init; }

    /// <summary>The account's time when the review ran (UTC): what role ages are counted to.</summary>
    public DateTime ReviewTime { get; init; }

    public SecurityReportRequest Request { get; init; } = new();

    public int UserCount { get; init; }

    public int RoleCount { get; init; }

    public IReadOnlyList<SecurityFinding> Findings { get; init; } = Array.Empty<SecurityFinding>();

    /// <summary>How many findings of <paramref name="severity"/> there are.</summary>
    public int Count(SecuritySeverity severity) => Findings.Count(f => f.Severity == severity);

    /// <summary>Every severity, most urgent first.</summary>
    public static IReadOnlyList<SecuritySeverity> Severities { get; } = new[] { SecuritySeverity.Critical, SecuritySeverity.High, SecuritySeverity.Medium, SecuritySeverity.Low };
}

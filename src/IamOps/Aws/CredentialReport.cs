namespace IamOps.Aws;

/// <summary>Where credential report generation stands.</summary>
public enum CredentialReportState
{
    Started,
    InProgress,
    Complete,
}

/// <summary>The account's credential report.</summary>
public sealed record CredentialReport
{
    /// <summary>The CSV text, already base64-decoded.</summary>
    public string Content { get; init; } = string.Empty;

    public DateTime GeneratedTime { get; init; }

    /// <summary>text/csv.</summary>
    public string ReportFormat { get; init; } = "text/csv";
}

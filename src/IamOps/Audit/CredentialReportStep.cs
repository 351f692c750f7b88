namespace IamOps.Audit;

/// <summary>Where fetching the credential report stands: still waiting for IAM (with a line to show), or done.</summary>
public sealed class CredentialReportStep
{
    public CredentialReportStep(string status, IReadOnlyList<CredentialReportEntry>? entries = null, DateTime? generatedTime = null, string? warning = null)
    {
        Status = status;
        Entries = entries;
        GeneratedTime = generatedTime;
        Warning = warning;
    }

    /// <summary>What is happening, for a progress bar.</summary>
    public string Status { get; }

    /// <summary>The report's rows once it is read; null while IAM is still generating it.</summary>
    public IReadOnlyList<CredentialReportEntry>? Entries { get; }

    public DateTime? GeneratedTime { get; }

    /// <summary>Something the user should know about the report (e.g. IAM kept an older one).</summary>
    public string? Warning { get; }

    public bool IsDone => Entries is not null;
}

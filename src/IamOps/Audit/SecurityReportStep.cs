namespace IamOps.Audit;

/// <summary>Where reading the security report stands: still waiting (with a line to show), or done.</summary>
public sealed class SecurityReportStep
{
    public SecurityReportStep(string status, SecurityReport? report = null, string? warning = null)
    {
        Status = status;
        Report = report;
        Warning = warning;
    }

    /// <summary>What is happening, for a progress bar.</summary>
    public string Status { get; }

    /// <summary>The review once it is done; null while the reads go on.</summary>
    public SecurityReport? Report { get; }

    /// <summary>Something the user should know (e.g. IAM kept an older credential report).</summary>
    public string? Warning { get; }

    public bool IsDone => Report is not null;
}

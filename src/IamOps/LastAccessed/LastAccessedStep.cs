using IamOps.Aws;

namespace IamOps.LastAccessed;

/// <summary>Where reading a last-accessed report stands: still waiting for IAM (with a line to show), or done.</summary>
public sealed class LastAccessedStep
{
    public LastAccessedStep(string status, ServiceLastAccessedReport? report = null, IReadOnlyList<LastAccessedEntry>? entries = null, string? arn = null)
    {
        Status = status;
        Arn = arn;
        Report = report;
        Entries = entries;
    }

    /// <summary>What is happening, for a progress bar.</summary>
    public string Status { get; }

    /// <summary>IAM's report once the job completed (what New-IamLeastPrivilegePolicy builds on).</summary>
    public ServiceLastAccessedReport? Report { get; }

    /// <summary>The rows, services and (when asked) actions, once the job completed.</summary>
    public IReadOnlyList<LastAccessedEntry>? Entries { get; }

    /// <summary>The entity's ARN, once the report is read.</summary>
    public string? Arn { get; }

    public bool IsDone => Entries is not null;
}

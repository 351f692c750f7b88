namespace IamOps.Aws;

/// <summary>A last-accessed report job: its status and, once completed, one entry per service the entity is granted.</summary>
public sealed record ServiceLastAccessedReport
{
    public LastAccessedJobStatus JobStatus { get; init; }

    public AccessAdvisorGranularity JobType { get; init; }

    public DateTime JobCreationDate { get; init; }

    /// <summary>Null while the job is in progress.</summary>
    public DateTime? JobCompletionDate { get; init; }

    /// <summary>Why the job failed (IAM's ErrorDetails code and message); null otherwise.</summary>
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>Every page's services, in IAM's order; empty until the job is completed.</summary>
    public IReadOnlyList<ServiceLastAccessed> Services { get; init; } = Array.Empty<ServiceLastAccessed>();
}

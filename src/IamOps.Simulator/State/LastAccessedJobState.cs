namespace IamOps.Simulator.State;

/// <summary>A GenerateServiceLastAccessedDetails job: the entity, the granularity, and how far it has got.</summary>
internal sealed class LastAccessedJobState
{
    public string JobId { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    /// <summary>SERVICE_LEVEL or ACTION_LEVEL.</summary>
    public string Granularity { get; set; } = "SERVICE_LEVEL";

    public DateTime CreationDate { get; set; }

    /// <summary>Set by the first GetServiceLastAccessedDetails after the one that found it in progress.</summary>
    public DateTime? CompletionDate { get; set; }

    /// <summary>How many times the job was read: the first read finds it IN_PROGRESS, as IAM's jobs take a moment.</summary>
    public int Reads { get; set; }

    /// <summary>The report, taken when the job completed.</summary>
    public List<Aws.ServiceLastAccessed>? Services { get; set; }

    /// <summary>Why the job failed (the entity was deleted meanwhile); null when it did not.</summary>
    public string? Error { get; set; }
}

namespace IamOps.Aws;

/// <summary>Where a last-accessed report job stands (IAM: IN_PROGRESS, COMPLETED, FAILED).</summary>
public enum LastAccessedJobStatus
{
    InProgress,
    Completed,
    Failed,
}

namespace IamOps.Aws;

/// <summary>One tracked action of a service, and its last use (nulls when not used in IAM's tracking period).</summary>
public sealed record TrackedActionLastAccessed
{
    /// <summary>The action's name without the service prefix, e.g. <c>GetBucketLocation</c>.</summary>
    public string ActionName { get; init; } = string.Empty;

    public DateTime? LastAccessedTime { get; init; }

    public string? LastAccessedEntity { get; init; }

    public string? LastAccessedRegion { get; init; }
}

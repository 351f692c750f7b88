namespace IamOps.Aws;

/// <summary>One service an entity is granted, and its last use (nulls when not used in IAM's tracking period).</summary>
public sealed record ServiceLastAccessed
{
    /// <summary>The service prefix, e.g. <c>s3</c>.</summary>
    public string ServiceNamespace { get; init; } = string.Empty;

    /// <summary>The service's name, e.g. <c>Amazon S3</c>.</summary>
    public string ServiceName { get; init; } = string.Empty;

    public DateTime? LastAuthenticated { get; init; }

    /// <summary>The ARN of the user or role that last used it (for a group or policy report, one of its members).</summary>
    public string? LastAuthenticatedEntity { get; init; }

    public string? LastAuthenticatedRegion { get; init; }

    public int? TotalAuthenticatedEntities { get; init; }

    /// <summary>For ACTION_LEVEL reports on services IAM tracks per action (IAM, EC2, S3, Lambda...); empty otherwise.</summary>
    public IReadOnlyList<TrackedActionLastAccessed> TrackedActionsLastAccessed { get; init; } = Array.Empty<TrackedActionLastAccessed>();
}

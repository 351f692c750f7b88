namespace IamOps.LastAccessed;

/// <summary>
/// One service (or tracked action) an entity is granted, and its last use: Access Advisor's row, with the times as UTC
/// <see cref="DateTime"/> and the question the row answers, whether it was used in the last <see cref="Days"/> days.
/// </summary>
public sealed record LastAccessedEntry
{
    /// <summary>The user, role or group name (the policy's name for a policy).</summary>
    public string TargetName { get; init; } = string.Empty;

    public LastAccessedTargetKind TargetKind { get; init; }

    public string TargetArn { get; init; } = string.Empty;

    public LastAccessedLevel Level { get; init; }

    /// <summary>The service prefix, e.g. <c>s3</c>.</summary>
    public string ServiceNamespace { get; init; } = string.Empty;

    public string ServiceName { get; init; } = string.Empty;

    /// <summary>For an action row, the action as policies write it (<c>s3:GetBucketLocation</c>); null for a service row.</summary>
    public string? Action { get; init; }

    /// <summary>The service, or the action for an action row: what the table shows first.</summary>
    public string Name => Action ?? ServiceNamespace;

    /// <summary>When it was last used (UTC); null when not used in IAM's tracking period (about 400 days).</summary>
    public DateTime? LastAuthenticated { get; init; }

    /// <summary>The ARN of the user or role that last used it.</summary>
    public string? LastAuthenticatedEntity { get; init; }

    public string? LastAuthenticatedRegion { get; init; }

    /// <summary>How many users and roles used it (service rows; null for action rows).</summary>
    public int? TotalAuthenticatedEntities { get; init; }

    /// <summary>Whole days since the last use; null when never used.</summary>
    public int? DaysSinceUse { get; init; }

    /// <summary>The window asked for (-Days).</summary>
    public int Days { get; init; }

    /// <summary>Used within the last <see cref="Days"/> days.</summary>
    public bool UsedInDays { get; init; }

    /// <summary>Granted, but not used within the last <see cref="Days"/> days: a candidate to remove.</summary>
    public bool GrantedButNotUsed => !UsedInDays;

    /// <summary>On a service row: IAM tracks this service's actions one by one (action rows follow with -IncludeActions).</summary>
    public bool ActionsTracked { get; init; }
}

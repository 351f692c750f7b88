namespace IamOps.Audit;

/// <summary>One of a user's two access keys as the credential report shows it; <see cref="Exists"/> is false for an empty slot.</summary>
public sealed class CredentialReportAccessKey
{
    /// <summary>1 or 2: the report's access_key_1 or access_key_2 columns.</summary>
    public int Number { get; init; }

    public bool Exists => LastRotated is not null;

    public bool Active { get; init; }

    /// <summary>When the key was created or last rotated (UTC).</summary>
    public DateTime? LastRotated { get; init; }

    /// <summary>When the key last signed a request (UTC); null when never.</summary>
    public DateTime? LastUsedDate { get; init; }

    public string? LastUsedRegion { get; init; }

    public string? LastUsedService { get; init; }

    /// <summary>Whole days from <see cref="LastRotated"/> to the report's time.</summary>
    public int? AgeDays { get; init; }

    /// <summary>Whole days from <see cref="LastUsedDate"/> to the report's time; null when never used.</summary>
    public int? LastUsedDays { get; init; }

    public override string ToString() => Exists ? $"{(Active ? "active" : "inactive")}, {AgeDays}d old, " + (LastUsedDays is { } days ? $"used {days}d ago" : "never used") : "none";
}

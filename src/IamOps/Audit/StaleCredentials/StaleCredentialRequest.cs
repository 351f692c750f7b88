namespace IamOps.Audit.StaleCredentials;

/// <summary>What Disable-IamStaleCredential cleans up: the CIS thresholds, the users in scope and those left alone.</summary>
public sealed record StaleCredentialRequest
{
    /// <summary>CIS AWS Foundations 2.11: credentials unused for 45 days or more are disabled.</summary>
    public const int DefaultDays = 45;

    /// <summary>CIS AWS Foundations 2.12: access keys are rotated every 90 days or less.</summary>
    public const int DefaultMaxKeyAge = 90;

    /// <summary>How long the old key keeps working beside its replacement before a later run deactivates it.</summary>
    public const int DefaultGracePeriod = 7;

    /// <summary>A credential unused (never used: since it was created) for this many days or more is stale.</summary>
    public int Days { get; init; } = DefaultDays;

    /// <summary>An access key in use that is this many days old or more is rotated.</summary>
    public int MaxKeyAge { get; init; } = DefaultMaxKeyAge;

    /// <summary>Days between creating a rotated key's replacement and deactivating it (0: both in one run).</summary>
    public int GracePeriod { get; init; } = DefaultGracePeriod;

    /// <summary>Delete access keys that are already inactive and unused for <see cref="Days"/>.</summary>
    public bool Delete { get; init; }

    /// <summary>The users to look at; empty: every user of the account.</summary>
    public IReadOnlyList<string> UserNames { get; init; } = Array.Empty<string>();

    /// <summary>Users left alone: names, and tag filters (<c>key=value</c>, or a key with ':' alone for any value).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = Array.Empty<string>();

    /// <summary>Offline checks, before anything is read or written.</summary>
    public static void Validate(StaleCredentialRequest request)
    {
        if (request.Days < 1)
        {
            throw new IamOpsException("DaysInvalid", FailureKind.InvalidArgument,
                $"-Days must be 1 or more (CIS uses 45): a credential unused for {request.Days} days would make every credential stale.", request.Days);
        }

        if (request.MaxKeyAge < 1)
        {
            throw new IamOpsException("MaxKeyAgeInvalid", FailureKind.InvalidArgument,
                $"-MaxKeyAge must be 1 or more (CIS uses 90): {request.MaxKeyAge} would rotate every key on every run.", request.MaxKeyAge);
        }

        if (request.GracePeriod < 0 || request.GracePeriod >= request.MaxKeyAge)
        {
            throw new IamOpsException("GracePeriodInvalid", FailureKind.InvalidArgument,
                $"-GracePeriod must be 0 or more and less than -MaxKeyAge ({request.MaxKeyAge}); with {request.GracePeriod} the new key would be due for rotation before the old one is deactivated.",
                request.GracePeriod);
        }

        StaleCredentialExclusion.Parse(request.Exclude);
    }
}

namespace IamOps.Audit;

/// <summary>What Get-IamCredentialReport asks for: a report no older than <see cref="MaxAge"/>, or a new one.</summary>
public sealed record CredentialReportRequest
{
    /// <summary>IAM makes at most one report every 4 hours, so older ones are the ones worth regenerating.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(4);

    public TimeSpan MaxAge { get; init; } = DefaultMaxAge;

    /// <summary>Ask IAM for a new report whatever the age of the one it has.</summary>
    public bool Refresh { get; init; }

    public static void Validate(CredentialReportRequest request)
    {
        if (request.MaxAge <= TimeSpan.Zero)
        {
            throw new IamOpsException("MaxAgeInvalid", FailureKind.InvalidArgument,
                $"-MaxAge must be a positive time span such as '04:00:00' (4 hours) or (New-TimeSpan -Hours 1); {request.MaxAge} is not.", request.MaxAge);
        }
    }
}

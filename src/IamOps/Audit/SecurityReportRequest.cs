namespace IamOps.Audit;

/// <summary>What Get-IamSecurityReport counts as stale and old.</summary>
public sealed record SecurityReportRequest
{
    public const int DefaultDays = 90;

    public const int DefaultMaxKeyAge = 90;

    /// <summary>Keys, passwords and roles unused for this many days (or more) are findings.</summary>
    public int Days { get; init; } = DefaultDays;

    /// <summary>Active access keys this many days old (or older) are findings.</summary>
    public int MaxKeyAge { get; init; } = DefaultMaxKeyAge;

    /// <summary>The oldest credential report to accept; an older one is regenerated.</summary>
    public TimeSpan CredentialReportMaxAge { get; init; } = CredentialReportRequest.DefaultMaxAge;

    public static void Validate(SecurityReportRequest request)
    {
        if (request.Days < 1)
        {
            throw new IamOpsException("DaysInvalid", FailureKind.InvalidArgument, $"-Days must be a whole number of days of at least 1, such as 90; {request.Days} is not.", request.Days);
        }

        if (request.MaxKeyAge < 1)
        {
            throw new IamOpsException("MaxKeyAgeInvalid", FailureKind.InvalidArgument, $"-MaxKeyAge must be a whole number of days of at least 1, such as 90; {request.MaxKeyAge} is not.", request.MaxKeyAge);
        }

        CredentialReportRequest.Validate(new CredentialReportRequest { MaxAge = request.CredentialReportMaxAge });
    }
}

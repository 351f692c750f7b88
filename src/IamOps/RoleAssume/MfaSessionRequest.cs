namespace IamOps.RoleAssume;

/// <summary>What Get-IamSessionToken was asked for.</summary>
public sealed record MfaSessionRequest
{
    /// <summary>The MFA device's ARN (or a hardware device's serial); null makes a session without MFA.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>The 6 digits the device shows now; null when it is to be prompted for.</summary>
    public string? TokenCode { get; init; }

    /// <summary>Seconds, 900 to 129600 (36 hours); null leaves STS's default of 43200 (12 hours).</summary>
    public int? DurationSeconds { get; init; }

    public bool NoCache { get; init; }

    public bool Verify { get; init; }
}

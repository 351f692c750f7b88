namespace IamOps.Aws;

/// <summary>The parameters of STS GetSessionToken: temporary credentials for an IAM user, with MFA when a code is given.</summary>
public sealed record GetSessionTokenRequest
{
    /// <summary>Seconds, 900 to 129600; null leaves STS's default (43200).</summary>
    public int? DurationSeconds { get; init; }

    /// <summary>The MFA device ARN; goes with <see cref="TokenCode"/>.</summary>
    public string? SerialNumber { get; init; }

    public string? TokenCode { get; init; }
}

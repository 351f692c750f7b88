namespace IamOps.Aws;

/// <summary>The parameters of STS AssumeRole.</summary>
public sealed record AssumeRoleRequest
{
    public string RoleArn { get; init; } = string.Empty;

    public string RoleSessionName { get; init; } = string.Empty;

    /// <summary>Seconds, 900 to 43200; null leaves STS's default (3600).</summary>
    public int? DurationSeconds { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>The MFA device ARN; goes with <see cref="TokenCode"/>.</summary>
    public string? SerialNumber { get; init; }

    public string? TokenCode { get; init; }

    /// <summary>An inline session policy JSON.</summary>
    public string? Policy { get; init; }

    public IReadOnlyList<string> PolicyArns { get; init; } = Array.Empty<string>();

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();

    public IReadOnlyList<string> TransitiveTagKeys { get; init; } = Array.Empty<string>();

    public string? SourceIdentity { get; init; }
}

/// <summary>Temporary credentials issued by STS.</summary>
public sealed record TemporaryCredentials
{
    public string AccessKeyId { get; init; } = string.Empty;

    public string SecretAccessKey { get; init; } = string.Empty;

    public string SessionToken { get; init; } = string.Empty;

    public DateTime Expiration { get; init; }
}

/// <summary>The answer of STS AssumeRole.</summary>
public sealed record AssumedRoleSession
{
    public TemporaryCredentials Credentials { get; init; } = new();

    /// <summary>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION.</summary>
    public string AssumedRoleArn { get; init; } = string.Empty;

    /// <summary>AROA...:SESSION.</summary>
    public string AssumedRoleId { get; init; } = string.Empty;

    /// <summary>Percent of the packed session policy and tag size used, when reported (STS's SessionTokenUtilization).</summary>
    public int? PackedPolicySize { get; init; }

    public string? SourceIdentity { get; init; }
}

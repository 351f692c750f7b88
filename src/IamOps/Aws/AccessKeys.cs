namespace IamOps.Aws;

/// <summary>Whether an access key can be used.</summary>
public enum AccessKeyStatus
{
    Active,
    Inactive,
    Expired,
}

/// <summary>An access key as listed: everything but the secret, which IAM returns only once, at creation.</summary>
public sealed record AccessKeyMetadata
{
    public string UserName { get; init; } = string.Empty;

    public string AccessKeyId { get; init; } = string.Empty;

    public AccessKeyStatus Status { get; init; }

    public DateTime CreateDate { get; init; }
}

/// <summary>A freshly created access key, with the secret that cannot be read again.</summary>
public sealed record NewAccessKey
{
    public string UserName { get; init; } = string.Empty;

    public string AccessKeyId { get; init; } = string.Empty;

    public string SecretAccessKey { get; init; } = string.Empty;

    public AccessKeyStatus Status { get; init; }

    public DateTime CreateDate { get; init; }
}

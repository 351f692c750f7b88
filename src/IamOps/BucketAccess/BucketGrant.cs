namespace IamOps.BucketAccess;

/// <summary>What one grant allows on one bucket: the content of its statements, whoever receives them.</summary>
public sealed record BucketGrant
{
    public string BucketName { get; init; } = string.Empty;

    /// <summary>Normalized by <see cref="ObjectPrefix"/>; empty for the whole bucket.</summary>
    public string Prefix { get; init; } = string.Empty;

    public BucketAccessLevel Access { get; init; } = BucketAccessLevel.Read;

    public bool AllowDelete { get; init; }

    /// <summary>The key that encrypts the objects (SSE-KMS); null when S3 manages encryption.</summary>
    public string? KmsKeyArn { get; init; }
}

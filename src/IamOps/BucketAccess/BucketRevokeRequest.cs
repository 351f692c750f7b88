using IamOps.Principals;

namespace IamOps.BucketAccess;

/// <summary>One Revoke-IamBucketAccess input: whose grant on which bucket, and optionally which prefix.</summary>
public sealed record BucketRevokeRequest
{
    public PrincipalTarget Principal { get; init; } = new(Aws.IdentityKind.User, string.Empty);

    public string BucketName { get; init; } = string.Empty;

    /// <summary>Normalized by <see cref="ObjectPrefix"/>; null revokes every prefix granted on the bucket.</summary>
    public string? Prefix { get; init; }
}

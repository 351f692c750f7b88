using IamOps.Principals;
using IamOps.Roles;

namespace IamOps.BucketAccess;

/// <summary>One Grant-IamBucketAccess input, as bound from parameters or a pipeline object.</summary>
public sealed record BucketGrantRequest
{
    public PrincipalTarget Principal { get; init; } = new(Aws.IdentityKind.User, string.Empty);

    public BucketGrant Grant { get; init; } = new();

    /// <summary>Write the statements into a customer managed policy attached to the principal instead of an inline policy.</summary>
    public bool AsManagedPolicy { get; init; }

    /// <summary>For a role: services it must trust (the role is created when absent).</summary>
    public IReadOnlyList<TrustPrincipal> TrustServices { get; init; } = Array.Empty<TrustPrincipal>();

    /// <summary>A missing or foreign bucket is an error instead of a warning.</summary>
    public bool Strict { get; init; }
}

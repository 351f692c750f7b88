namespace IamOps.BucketAccess;

/// <summary>What revoking one grant changes: per IamOps policy of the principal for the bucket, none when there is nothing to take away.</summary>
public sealed class BucketRevokePlan
{
    internal BucketRevokePlan(BucketRevokeRequest request, string principalArn, IReadOnlyList<RevokedPolicy> policies, IReadOnlyList<string> warnings)
    {
        Request = request;
        PrincipalArn = principalArn;
        Policies = policies;
        Warnings = warnings;
    }

    public BucketRevokeRequest Request { get; }

    public string PrincipalArn { get; }

    /// <summary>The policies that change; empty when the principal holds no IamOps grant matching the request.</summary>
    public IReadOnlyList<RevokedPolicy> Policies { get; }

    public IReadOnlyList<string> Warnings { get; }
}

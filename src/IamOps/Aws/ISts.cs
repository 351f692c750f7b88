namespace IamOps.Aws;

/// <summary>The STS calls IamOps makes, in our own types.</summary>
public interface ISts
{
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken);

    Task<AssumedRoleSession> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken);
}

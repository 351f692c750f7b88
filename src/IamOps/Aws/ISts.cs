namespace IamOps.Aws;

/// <summary>The STS calls IamOps makes, in our own types.</summary>
public partial interface ISts
{
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken);

    Task<AssumedRoleSession> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken);

    /// <summary>A user's temporary credentials; with a serial number and code, an MFA session.</summary>
    Task<TemporaryCredentials> GetSessionTokenAsync(GetSessionTokenRequest request, CancellationToken cancellationToken);
}

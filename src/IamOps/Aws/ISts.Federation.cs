namespace IamOps.Aws;

// Federation: role sessions for an identity provider's token or SAML assertion (no AWS credentials needed).
public partial interface ISts
{
    Task<FederatedRoleSession> AssumeRoleWithWebIdentityAsync(AssumeRoleWithWebIdentityRequest request, CancellationToken cancellationToken);

    Task<FederatedRoleSession> AssumeRoleWithSamlAsync(AssumeRoleWithSamlRequest request, CancellationToken cancellationToken);
}

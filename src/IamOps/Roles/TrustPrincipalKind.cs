namespace IamOps.Roles;

/// <summary>The keys of a trust policy's Principal element that IamOps writes.</summary>
public enum TrustPrincipalKind
{
    /// <summary>An AWS service, e.g. ec2.amazonaws.com.</summary>
    Service,

    /// <summary>An account, user or role ARN.</summary>
    Aws,

    /// <summary>A SAML or OIDC identity provider ARN.</summary>
    Federated,
}

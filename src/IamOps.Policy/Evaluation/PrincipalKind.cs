namespace IamOps.Policy.Evaluation;

internal enum PrincipalKind
{
    User,
    RoleSession,
    Root,
    FederatedUser,

    /// <summary>An IAM group: not a real caller, but Test-IamPolicy -GroupName decides for what its policies give a member.</summary>
    Group,

    /// <summary>An AWS service principal such as ec2.amazonaws.com: not in any account.</summary>
    Service,

    /// <summary>A web-identity or SAML provider (oidc-provider/, saml-provider/ ARN or a provider name): no identity policies.</summary>
    IdentityProvider,
    Other,
}

namespace IamOps.RoleGrant;

/// <summary>Who a role is granted to: decides what its trust policy names and whether an identity policy is written.</summary>
public enum RoleGranteeKind
{
    /// <summary>A user of this account: the trust names the account, and the user gets an identity policy for the role.</summary>
    User,

    /// <summary>A group of this account (groups cannot be principals): the trust names the account, the group gets the identity policy.</summary>
    Group,

    /// <summary>Other accounts: the trust names each account's root; that account's administrators decide who may assume.</summary>
    Account,

    /// <summary>AWS services such as ec2.amazonaws.com.</summary>
    Service,

    /// <summary>A pipeline's OIDC tokens (GitHub Actions, GitLab, Azure DevOps, any issuer): the trust names the provider with aud and sub conditions.</summary>
    WebIdentity,

    /// <summary>Users signing in through a SAML provider: the trust names the provider with the SAML:aud condition.</summary>
    Saml,
}

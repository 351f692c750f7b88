namespace IamOps.Federation;

/// <summary>The two kinds of identity provider IAM keeps.</summary>
public enum IdentityProviderKind
{
    /// <summary>An OpenID Connect issuer (GitHub Actions, GitLab, Azure DevOps, ...): roles trust its tokens.</summary>
    Oidc,

    /// <summary>A SAML 2.0 identity provider (Okta, Entra ID, ADFS, ...).</summary>
    Saml,
}

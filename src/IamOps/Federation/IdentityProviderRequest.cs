namespace IamOps.Federation;

/// <summary>One identity provider to make sure exists (Add-IamIdentityProvider).</summary>
public sealed record IdentityProviderRequest
{
    public IdentityProviderKind Kind { get; init; }

    /// <summary>OIDC: the issuer URL, https://HOST[/PATH].</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>OIDC: the audiences to accept, merged into an existing provider's list.</summary>
    public IReadOnlyList<string> ClientIds { get; init; } = Array.Empty<string>();

    /// <summary>OIDC: thumbprints to set; empty leaves them to IAM (its trusted root CAs).</summary>
    public IReadOnlyList<string> Thumbprints { get; init; } = Array.Empty<string>();

    /// <summary>SAML: the provider's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>SAML: the metadata XML text (already read from a file when a path was given).</summary>
    public string SamlMetadataDocument { get; init; } = string.Empty;

    /// <summary>The preset that filled Url and ClientIds (GitHub, GitLab, AzureDevOps), for the result; null for none.</summary>
    public string? Preset { get; init; }
}

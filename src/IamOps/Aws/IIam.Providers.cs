namespace IamOps.Aws;

// Identity providers: the OIDC and SAML providers roles can trust (pipeline federation, SSO).
public partial interface IIam
{
    /// <summary>Returns the new provider's ARN; one provider per URL (ResourceExists).</summary>
    Task<string> CreateOpenIdConnectProviderAsync(CreateOidcProviderRequest request, CancellationToken cancellationToken);

    Task<OidcProvider> GetOpenIdConnectProviderAsync(string providerArn, CancellationToken cancellationToken);

    /// <summary>The ARNs of the account's OIDC providers (IAM does not page this list).</summary>
    Task<IReadOnlyList<string>> ListOpenIdConnectProvidersAsync(CancellationToken cancellationToken);

    /// <summary>Adds an audience; adding one already there changes nothing.</summary>
    Task AddClientIdToOpenIdConnectProviderAsync(string providerArn, string clientId, CancellationToken cancellationToken);

    /// <summary>Replaces the whole thumbprint list.</summary>
    Task UpdateOpenIdConnectProviderThumbprintAsync(string providerArn, IReadOnlyList<string> thumbprints, CancellationToken cancellationToken);

    Task DeleteOpenIdConnectProviderAsync(string providerArn, CancellationToken cancellationToken);

    /// <summary>Returns the new provider's ARN.</summary>
    Task<string> CreateSamlProviderAsync(string name, string samlMetadataDocument, CancellationToken cancellationToken);

    Task<SamlProvider> GetSamlProviderAsync(string providerArn, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListSamlProvidersAsync(CancellationToken cancellationToken);

    Task DeleteSamlProviderAsync(string providerArn, CancellationToken cancellationToken);
}

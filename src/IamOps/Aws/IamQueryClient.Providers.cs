namespace IamOps.Aws;

// Identity providers over the Query API (OIDC and SAML).
internal sealed partial class IamQueryClient
{
    public Task<string> CreateOpenIdConnectProviderAsync(CreateOidcProviderRequest request, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateOpenIDConnectProvider").Add("Url", request.Url).AddList("ClientIDList", request.ClientIds)
                .AddList("ThumbprintList", request.Thumbprints.Count == 0 ? null : request.Thumbprints).AddTags("Tags", request.Tags.Count == 0 ? null : request.Tags),
            request.Url, r => IdentityProviderXml.CreatedArn(r, "OpenIDConnectProviderArn"), cancellationToken);

    public Task<OidcProvider> GetOpenIdConnectProviderAsync(string providerArn, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetOpenIDConnectProvider").Add("OpenIDConnectProviderArn", providerArn), providerArn, r => IdentityProviderXml.OidcProvider(r, providerArn), cancellationToken);

    public Task<IReadOnlyList<string>> ListOpenIdConnectProvidersAsync(CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("ListOpenIDConnectProviders"), null, r => IdentityProviderXml.Arns(r, "OpenIDConnectProviderList"), cancellationToken);

    public Task AddClientIdToOpenIdConnectProviderAsync(string providerArn, string clientId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("AddClientIDToOpenIDConnectProvider").Add("OpenIDConnectProviderArn", providerArn).Add("ClientID", clientId), providerArn, cancellationToken);

    public Task UpdateOpenIdConnectProviderThumbprintAsync(string providerArn, IReadOnlyList<string> thumbprints, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UpdateOpenIDConnectProviderThumbprint").Add("OpenIDConnectProviderArn", providerArn).AddList("ThumbprintList", thumbprints), providerArn, cancellationToken);

    public Task DeleteOpenIdConnectProviderAsync(string providerArn, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteOpenIDConnectProvider").Add("OpenIDConnectProviderArn", providerArn), providerArn, cancellationToken);

    public Task<string> CreateSamlProviderAsync(string name, string samlMetadataDocument, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateSAMLProvider").Add("Name", name).Add("SAMLMetadataDocument", samlMetadataDocument),
            name, r => IdentityProviderXml.CreatedArn(r, "SAMLProviderArn"), cancellationToken);

    public Task<SamlProvider> GetSamlProviderAsync(string providerArn, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetSAMLProvider").Add("SAMLProviderArn", providerArn), providerArn, r => IdentityProviderXml.SamlProvider(r, providerArn), cancellationToken);

    public Task<IReadOnlyList<string>> ListSamlProvidersAsync(CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("ListSAMLProviders"), null, r => IdentityProviderXml.Arns(r, "SAMLProviderList"), cancellationToken);

    public Task DeleteSamlProviderAsync(string providerArn, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteSAMLProvider").Add("SAMLProviderArn", providerArn), providerArn, cancellationToken);
}

using IamOps.Aws;

namespace IamOps.Simulator;

// Identity providers in process.
internal sealed partial class SimulatorIam
{
    public Task<string> CreateOpenIdConnectProviderAsync(CreateOidcProviderRequest request, CancellationToken cancellationToken) =>
        Run("CreateOpenIDConnectProvider", request.Url, Needs(IamResources.Tags(request.Tags).Append(("Url", request.Url)).ToArray()), _ => Service.CreateOpenIdConnectProvider(request), cancellationToken);

    public Task<OidcProvider> GetOpenIdConnectProviderAsync(string providerArn, CancellationToken cancellationToken) =>
        Run("GetOpenIDConnectProvider", providerArn, Needs(("OpenIDConnectProviderArn", providerArn)), _ => Service.GetOpenIdConnectProvider(providerArn), cancellationToken);

    public Task<IReadOnlyList<string>> ListOpenIdConnectProvidersAsync(CancellationToken cancellationToken) =>
        Run("ListOpenIDConnectProviders", null, Needs(), _ => Service.ListOpenIdConnectProviders(), cancellationToken);

    public Task AddClientIdToOpenIdConnectProviderAsync(string providerArn, string clientId, CancellationToken cancellationToken) =>
        Run("AddClientIDToOpenIDConnectProvider", providerArn, Needs(("OpenIDConnectProviderArn", providerArn)), _ => Service.AddClientIdToOpenIdConnectProvider(providerArn, clientId), cancellationToken);

    public Task UpdateOpenIdConnectProviderThumbprintAsync(string providerArn, IReadOnlyList<string> thumbprints, CancellationToken cancellationToken) =>
        Run("UpdateOpenIDConnectProviderThumbprint", providerArn, Needs(("OpenIDConnectProviderArn", providerArn)), _ => Service.UpdateOpenIdConnectProviderThumbprint(providerArn, thumbprints), cancellationToken);

    public Task DeleteOpenIdConnectProviderAsync(string providerArn, CancellationToken cancellationToken) =>
        Run("DeleteOpenIDConnectProvider", providerArn, Needs(("OpenIDConnectProviderArn", providerArn)), _ => Service.DeleteOpenIdConnectProvider(providerArn), cancellationToken);

    public Task<string> CreateSamlProviderAsync(string name, string samlMetadataDocument, CancellationToken cancellationToken) =>
        Run("CreateSAMLProvider", name, Needs(("Name", name)), _ => Service.CreateSamlProvider(name, samlMetadataDocument), cancellationToken);

    public Task<SamlProvider> GetSamlProviderAsync(string providerArn, CancellationToken cancellationToken) =>
        Run("GetSAMLProvider", providerArn, Needs(("SAMLProviderArn", providerArn)), _ => Service.GetSamlProvider(providerArn), cancellationToken);

    public Task<IReadOnlyList<string>> ListSamlProvidersAsync(CancellationToken cancellationToken) =>
        Run("ListSAMLProviders", null, Needs(), _ => Service.ListSamlProviders(), cancellationToken);

    public Task DeleteSamlProviderAsync(string providerArn, CancellationToken cancellationToken) =>
        Run("DeleteSAMLProvider", providerArn, Needs(("SAMLProviderArn", providerArn)), _ => Service.DeleteSamlProvider(providerArn), cancellationToken);
}

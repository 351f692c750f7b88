using IamOps.Aws;

namespace IamOps.TestEndpoint.Query;

/// <summary>The IAM actions on OpenID Connect and SAML identity providers (those IamQueryClient.Providers calls).</summary>
internal static partial class IamQueryActions
{
    private static Dictionary<string, QueryHandler> Providers() => new(StringComparer.Ordinal)
    {
        ["CreateOpenIDConnectProvider"] = c =>
        {
            var p = c.Parameters;
            var request = new CreateOidcProviderRequest { Url = p.Required("Url"), ClientIds = p.Members("ClientIDList"), Thumbprints = p.Members("ThumbprintList"), Tags = p.Tags() };
            var arn = c.Run(_ => c.Iam.CreateOpenIdConnectProvider(request));
            return w =>
            {
                w.WriteElementString("OpenIDConnectProviderArn", arn);
                QueryXml.Tags(w, request.Tags);
            };
        },
        ["GetOpenIDConnectProvider"] = c =>
        {
            var provider = c.Run(_ => c.Iam.GetOpenIdConnectProvider(c.Parameters.Required("OpenIDConnectProviderArn")));
            return w =>
            {
                w.WriteElementString("Url", provider.Url);
                QueryXml.Strings(w, "ClientIDList", provider.ClientIds);
                QueryXml.Strings(w, "ThumbprintList", provider.Thumbprints);
                w.WriteElementString("CreateDate", QueryXml.Date(provider.CreateDate));
                QueryXml.Tags(w, provider.Tags);
            };
        },
        ["ListOpenIDConnectProviders"] = c =>
        {
            var arns = c.Run(_ => c.Iam.ListOpenIdConnectProviders());
            return w => QueryXml.Members(w, "OpenIDConnectProviderList", arns, (x, arn) => x.WriteElementString("Arn", arn));
        },
        ["AddClientIDToOpenIDConnectProvider"] = c =>
            c.Run(_ => c.Iam.AddClientIdToOpenIdConnectProvider(c.Parameters.Required("OpenIDConnectProviderArn"), c.Parameters.Required("ClientID"))),
        ["UpdateOpenIDConnectProviderThumbprint"] = c =>
            c.Run(_ => c.Iam.UpdateOpenIdConnectProviderThumbprint(c.Parameters.Required("OpenIDConnectProviderArn"), c.Parameters.Members("ThumbprintList"))),
        ["DeleteOpenIDConnectProvider"] = c => c.Run(_ => c.Iam.DeleteOpenIdConnectProvider(c.Parameters.Required("OpenIDConnectProviderArn"))),
        ["CreateSAMLProvider"] = c =>
        {
            var arn = c.Run(_ => c.Iam.CreateSamlProvider(c.Parameters.Required("Name"), c.Parameters.Required("SAMLMetadataDocument")));
            return w => w.WriteElementString("SAMLProviderArn", arn);
        },
        ["GetSAMLProvider"] = c =>
        {
            var provider = c.Run(_ => c.Iam.GetSamlProvider(c.Parameters.Required("SAMLProviderArn")));
            return w =>
            {
                w.WriteElementString("SAMLMetadataDocument", provider.MetadataDocument);
                w.WriteElementString("CreateDate", QueryXml.Date(provider.CreateDate));
                QueryXml.Text(w, "ValidUntil", provider.ValidUntil is { } until ? QueryXml.Date(until) : null);
            };
        },
        ["ListSAMLProviders"] = c =>
        {
            var arns = c.Run(_ => c.Iam.ListSamlProviders());
            return w => QueryXml.Members(w, "SAMLProviderList", arns, (x, arn) => x.WriteElementString("Arn", arn));
        },
        ["DeleteSAMLProvider"] = c => c.Run(_ => c.Iam.DeleteSamlProvider(c.Parameters.Required("SAMLProviderArn"))),
    };
}

using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

// OpenID Connect and SAML providers, with IAM's rules: https URL without port or query, one provider per URL (or name),
// client ids and thumbprints with their lengths and quotas, SAML metadata that parses.
internal sealed partial class IamService
{
    internal const int OidcProvidersPerAccount = 100;
    internal const int SamlProvidersPerAccount = 100;
    internal const int ClientIdsPerOidcProvider = 100;
    internal const int ThumbprintsPerOidcProvider = 5;
    private static readonly Regex Thumbprint = new("^[0-9A-Fa-f]{40}$", RegexOptions.CultureInvariant);
    private static readonly Regex SamlName = new(@"^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant);

    public string CreateOpenIdConnectProvider(CreateOidcProviderRequest request)
    {
        var url = OidcUrl(request.Url);
        var clientIds = request.ClientIds.Distinct(StringComparer.Ordinal).ToList();
        foreach (var clientId in clientIds)
        {
            IamNameRules.CheckLength("clientIDList.member", clientId, 1, 255);
        }

        if (clientIds.Count > ClientIdsPerOidcProvider)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: {ClientIdsPerOidcProvider}");
        }

        CheckThumbprints(request.Thumbprints);
        IamNameRules.CheckTags(request.Tags);
        var arn = OidcArn(url);
        if (State.OidcProviders.ContainsKey(arn))
        {
            throw ServiceError.AlreadyExists($"Provider with url https://{url} already exists.");
        }

        if (State.OidcProviders.Count >= OidcProvidersPerAccount)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for OpenIdConnectProvidersPerAccount: {OidcProvidersPerAccount}");
        }

        State.OidcProviders[arn] = new OidcProviderState
        {
            Url = url,
            ClientIds = clientIds,
            Thumbprints = request.Thumbprints.Select(t => t.ToLowerInvariant()).ToList(),
            CreateDate = Now,
            Tags = ToState(request.Tags),
        };
        return arn;
    }

    public OidcProvider GetOpenIdConnectProvider(string providerArn)
    {
        var provider = FindOidcProvider(providerArn);
        return new OidcProvider
        {
            Arn = providerArn,
            Url = provider.Url,
            ClientIds = provider.ClientIds.ToList(),
            Thumbprints = provider.Thumbprints.ToList(),
            CreateDate = provider.CreateDate,
            Tags = ToTags(provider.Tags),
        };
    }

    public IReadOnlyList<string> ListOpenIdConnectProviders() => State.OidcProviders.Keys.OrderBy(a => a, StringComparer.Ordinal).ToList();

    public void AddClientIdToOpenIdConnectProvider(string providerArn, string clientId)
    {
        IamNameRules.CheckLength("clientID", clientId ?? throw ServiceError.Missing("clientID"), 1, 255);
        var provider = FindOidcProvider(providerArn);
        if (provider.ClientIds.Contains(clientId, StringComparer.Ordinal))
        {
            return;
        }

        if (provider.ClientIds.Count >= ClientIdsPerOidcProvider)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: {ClientIdsPerOidcProvider}");
        }

        provider.ClientIds.Add(clientId);
    }

    public void UpdateOpenIdConnectProviderThumbprint(string providerArn, IReadOnlyList<string> thumbprints)
    {
        CheckThumbprints(thumbprints);
        FindOidcProvider(providerArn).Thumbprints = thumbprints.Select(t => t.ToLowerInvariant()).ToList();
    }

    public void DeleteOpenIdConnectProvider(string providerArn)
    {
        FindOidcProvider(providerArn);
        State.OidcProviders.Remove(providerArn);
    }

    public string CreateSamlProvider(string name, string metadataDocument)
    {
        IamNameRules.CheckLength("name", name ?? throw ServiceError.Missing("name"), 1, 128);
        if (!SamlName.IsMatch(name))
        {
            throw ServiceError.Constraint("name", name, @"Member must satisfy regular expression pattern: [\w._-]+");
        }

        IamNameRules.CheckLength("sAMLMetadataDocument", metadataDocument ?? throw ServiceError.Missing("sAMLMetadataDocument"), 1000, 10000000);
        var validUntil = SamlValidUntil(metadataDocument);
        var arn = $"arn:aws:iam::{AccountId}:saml-provider/{name}";
        if (State.SamlProviders.Keys.Any(a => string.Equals(a, arn, StringComparison.OrdinalIgnoreCase)))
        {
            throw ServiceError.AlreadyExists($"SAMLProvider {name} already exists.");
        }

        if (State.SamlProviders.Count >= SamlProvidersPerAccount)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for SamlProvidersPerAccount: {SamlProvidersPerAccount}");
        }

        State.SamlProviders[arn] = new SamlProviderState { Name = name, MetadataDocument = metadataDocument, CreateDate = Now, ValidUntil = validUntil };
        return arn;
    }

    public SamlProvider GetSamlProvider(string providerArn)
    {
        var provider = FindSamlProvider(providerArn);
        return new SamlProvider { Arn = providerArn, Name = provider.Name, MetadataDocument = provider.MetadataDocument, CreateDate = provider.CreateDate, ValidUntil = provider.ValidUntil };
    }

    public IReadOnlyList<string> ListSamlProviders() => State.SamlProviders.Keys.OrderBy(a => a, StringComparer.Ordinal).ToList();

    public void DeleteSamlProvider(string providerArn)
    {
        FindSamlProvider(providerArn);
        State.SamlProviders.Remove(providerArn);
    }

    internal string OidcArn(string url) => $"arn:aws:iam::{AccountId}:oidc-provider/{url}";

    internal OidcProviderState? FindOidcProviderByUrl(string url, out string arn)
    {
        arn = OidcArn(url);
        return State.OidcProviders.TryGetValue(arn, out var provider) ? provider : null;
    }

    /// <summary>IAM's form: https://, a host, an optional path; no port, query, fragment or credentials. Returns host/path.</summary>
    internal static string OidcUrl(string? url)
    {
        IamNameRules.CheckLength("url", url ?? throw ServiceError.Missing("url"), 1, 255);
        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw ServiceError.InvalidInput($"Invalid URL {url}: the URL of an OpenID Connect provider must begin with https://.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.HostNameType != UriHostNameType.Dns)
        {
            throw ServiceError.InvalidInput($"Invalid URL {url}: it is not a well-formed https URL with a host name.");
        }

        var authority = url.Substring("https://".Length).Split('/')[0];
        if (authority.Contains(':') || authority.Contains('@') || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw ServiceError.InvalidInput($"Invalid URL {url}: an OpenID Connect provider URL has no port, credentials, query or fragment.");
        }

        return url.Substring("https://".Length).TrimEnd('/');
    }

    private static void CheckThumbprints(IReadOnlyList<string> thumbprints)
    {
        foreach (var thumbprint in thumbprints)
        {
            IamNameRules.CheckLength("thumbprintList.member", thumbprint, 40, 40);
            if (!Thumbprint.IsMatch(thumbprint))
            {
                throw ServiceError.InvalidInput($"Thumbprint {thumbprint} is not a SHA-1 fingerprint: 40 hexadecimal digits.");
            }
        }

        if (thumbprints.Count > ThumbprintsPerOidcProvider)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: {ThumbprintsPerOidcProvider}");
        }
    }

    private OidcProviderState FindOidcProvider(string? providerArn)
    {
        CheckProviderArn("openIDConnectProviderArn", providerArn);
        return State.OidcProviders.TryGetValue(providerArn!, out var provider)
            ? provider
            : throw ServiceError.NoSuchEntity($"OpenIDConnect provider not found for arn {providerArn}");
    }

    private SamlProviderState FindSamlProvider(string? providerArn)
    {
        CheckProviderArn("sAMLProviderArn", providerArn);
        return State.SamlProviders.TryGetValue(providerArn!, out var provider)
            ? provider
            : throw ServiceError.NoSuchEntity($"Manifest not found for arn {providerArn}");
    }

    private static void CheckProviderArn(string member, string? arn)
    {
        IamNameRules.CheckLength(member, arn ?? throw ServiceError.Missing(member), 20, 2048);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || arn.Split(':').Length < 6)
        {
            throw ServiceError.InvalidInput($"ARN {arn} is not valid.");
        }
    }

    /// <summary>IAM accepts SAML 2.0 metadata: an EntityDescriptor with an IDPSSODescriptor; returns its validUntil.</summary>
    private static DateTime? SamlValidUntil(string metadataDocument)
    {
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(metadataDocument), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            root = XElement.Load(reader);
        }
        catch (XmlException)
        {
            throw ServiceError.InvalidInput("Could not parse metadata");
        }

        const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
        var entity = root.Name == XName.Get("EntityDescriptor", Metadata) ? root : root.Descendants(XName.Get("EntityDescriptor", Metadata)).FirstOrDefault();
        if (entity is null || entity.Element(XName.Get("IDPSSODescriptor", Metadata)) is null || string.IsNullOrEmpty((string?)entity.Attribute("entityID")))
        {
            throw ServiceError.InvalidInput("Could not parse metadata: SAML 2.0 identity provider metadata needs an EntityDescriptor with an entityID and an IDPSSODescriptor.");
        }

        var validUntil = (string?)entity.Attribute("validUntil");
        return validUntil is not null && DateTime.TryParse(validUntil, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out var until) ? until : null;
    }
}

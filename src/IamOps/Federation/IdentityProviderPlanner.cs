using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Federation;

/// <summary>Plans an identity provider: create it when missing, else merge client ids and set thumbprints; never removes anything.</summary>
public sealed class IdentityProviderPlanner
{
    private const string SamlMetadataNamespace = "urn:oasis:names:tc:SAML:2.0:metadata";
    private static readonly Regex Thumbprint = new("^[0-9A-Fa-f]{40}$", RegexOptions.CultureInvariant);
    private static readonly Regex SamlName = new(@"^[A-Za-z0-9_.-]{1,128}$", RegexOptions.CultureInvariant);
    private readonly IAwsConnection _connection;
    private readonly AccountContext _account;

    public IdentityProviderPlanner(IAwsConnection connection, AccountContext account)
    {
        _connection = connection;
        _account = account;
    }

    /// <summary>Everything that can be checked offline, before any call: URL form, client ids, thumbprints, SAML name and metadata.</summary>
    public static void Validate(IdentityProviderRequest request)
    {
        if (request.Kind == IdentityProviderKind.Oidc)
        {
            IssuerHostPath(request.Url);
            foreach (var clientId in request.ClientIds)
            {
                if (clientId.Length is 0 or > 255)
                {
                    throw new IamOpsException("ClientIdInvalid", FailureKind.InvalidArgument, $"The client id '{clientId}' must be 1 to 255 characters.", clientId);
                }
            }

            foreach (var thumbprint in request.Thumbprints)
            {
                if (!Thumbprint.IsMatch(thumbprint))
                {
                    throw new IamOpsException("ThumbprintInvalid", FailureKind.InvalidArgument,
                        $"'{thumbprint}' is not a certificate thumbprint: 40 hexadecimal digits (the SHA-1 fingerprint of the issuer's top intermediate CA).", thumbprint);
                }
            }

            if (request.Thumbprints.Count > 5)
            {
                throw new IamOpsException("ThumbprintInvalid", FailureKind.InvalidArgument, "IAM keeps at most 5 thumbprints per provider.", request.Url);
            }

            return;
        }

        if (!SamlName.IsMatch(request.Name))
        {
            throw new IamOpsException("SamlProviderNameInvalid", FailureKind.InvalidArgument,
                $"'{request.Name}' is not a SAML provider name: 1 to 128 letters, digits, '.', '_' or '-'.", request.Name);
        }

        CheckSamlMetadata(request.SamlMetadataDocument);
    }

    /// <summary>The issuer as IAM names the provider (host and path without https://), or InvalidArgument with the rule broken.</summary>
    public static string IssuerHostPath(string url)
    {
        var text = (url ?? string.Empty).Trim();
        string? problem = null;
        if (!text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            problem = "it must begin with https://";
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.HostNameType != UriHostNameType.Dns || uri.Host.IndexOf('.') < 0)
        {
            problem = "it needs a host name such as token.actions.githubusercontent.com";
        }
        else if (text.Substring(8).Split('/')[0].IndexOfAny(new[] { ':', '@' }) >= 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problem = "IAM takes no port, user name, query or fragment in an issuer URL";
        }
        else if (text.Length > 255)
        {
            problem = "it is longer than 255 characters";
        }

        if (problem is not null)
        {
            throw new IamOpsException("IdentityProviderUrlInvalid", FailureKind.InvalidArgument,
                $"'{url}' is not an OpenID Connect issuer URL: {problem}. Give the issuer exactly as the tokens' iss claim says, e.g. https://token.actions.githubusercontent.com.", url);
        }

        return text.Substring(8).TrimEnd('/');
    }

    /// <summary>SAML 2.0 identity provider metadata, as IAM accepts it: an EntityDescriptor with an entityID and an IDPSSODescriptor.</summary>
    public static void CheckSamlMetadata(string document)
    {
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(document ?? string.Empty), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            root = XElement.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new IamOpsException("SamlMetadataInvalid", FailureKind.InvalidData, $"The SAML metadata document is not XML: {ex.Message} Download the metadata XML from your identity provider.", null, ex);
        }

        var entity = root.Name == XName.Get("EntityDescriptor", SamlMetadataNamespace) ? root : root.Descendants(XName.Get("EntityDescriptor", SamlMetadataNamespace)).FirstOrDefault();
        if (entity is null || string.IsNullOrEmpty((string?)entity.Attribute("entityID")) || entity.Element(XName.Get("IDPSSODescriptor", SamlMetadataNamespace)) is null)
        {
            throw new IamOpsException("SamlMetadataInvalid", FailureKind.InvalidData,
                "The document is not SAML 2.0 identity provider metadata: IAM needs an md:EntityDescriptor with an entityID and an md:IDPSSODescriptor (the IdP's metadata, not a service provider's).");
        }

        if (document!.Length is < 1000 or > 10000000)
        {
            throw new IamOpsException("SamlMetadataInvalid", FailureKind.InvalidData, $"IAM accepts SAML metadata of 1000 to 10,000,000 characters; this one has {document.Length}. Download the full metadata (with its signing certificate).");
        }
    }

    public async Task<IdentityProviderPlan> PlanAsync(IdentityProviderRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        return request.Kind == IdentityProviderKind.Oidc
            ? await PlanOidcAsync(request, cancellationToken).ConfigureAwait(false)
            : await PlanSamlAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IdentityProviderPlan> PlanOidcAsync(IdentityProviderRequest request, CancellationToken cancellationToken)
    {
        var iam = _connection.Iam;
        var hostPath = IssuerHostPath(request.Url);
        var arn = $"arn:{_account.Partition}:iam::{_account.AccountId}:oidc-provider/{hostPath}";
        var target = "OIDC provider " + hostPath;
        var clientIds = request.ClientIds.Distinct(StringComparer.Ordinal).ToList();
        var thumbprints = request.Thumbprints.Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var existing = await iam.ListOpenIdConnectProvidersAsync(cancellationToken).ConfigureAwait(false);
        if (!existing.Contains(arn, StringComparer.Ordinal))
        {
            var create = new PlannedChange(ChangeKind.Create, target,
                $"Create OIDC provider https://{hostPath} for audience {string.Join(", ", clientIds)}" + (thumbprints.Count == 0 ? " (IAM verifies its keys through trusted root CAs)" : $" with {thumbprints.Count} thumbprint(s)"),
                "provider does not exist",
                async token => await iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = "https://" + hostPath, ClientIds = clientIds, Thumbprints = thumbprints }, token).ConfigureAwait(false));
            return new IdentityProviderPlan { Request = request, Arn = arn, ClientIds = clientIds, Thumbprints = thumbprints, Creates = true, Changes = new[] { create } };
        }

        var current = await iam.GetOpenIdConnectProviderAsync(arn, cancellationToken).ConfigureAwait(false);
        var changes = new List<PlannedChange>();
        foreach (var clientId in clientIds.Where(c => !current.ClientIds.Contains(c, StringComparer.Ordinal)))
        {
            changes.Add(new PlannedChange(ChangeKind.Add, target, $"Add client id {clientId}", "the provider does not accept this audience yet",
                token => iam.AddClientIdToOpenIdConnectProviderAsync(arn, clientId, token)));
        }

        var keptThumbprints = current.Thumbprints.Select(t => t.ToLowerInvariant()).ToList();
        if (thumbprints.Count > 0 && !new HashSet<string>(thumbprints, StringComparer.Ordinal).SetEquals(keptThumbprints))
        {
            changes.Add(new PlannedChange(ChangeKind.Update, target, $"Set thumbprints to {string.Join(", ", thumbprints)}", "the provider has other thumbprints",
                token => iam.UpdateOpenIdConnectProviderThumbprintAsync(arn, thumbprints, token)));
            keptThumbprints = thumbprints;
        }

        return new IdentityProviderPlan
        {
            Request = request,
            Arn = arn,
            ClientIds = current.ClientIds.Concat(clientIds).Distinct(StringComparer.Ordinal).ToList(),
            Thumbprints = keptThumbprints,
            Changes = changes,
        };
    }

    private async Task<IdentityProviderPlan> PlanSamlAsync(IdentityProviderRequest request, CancellationToken cancellationToken)
    {
        var iam = _connection.Iam;
        var arn = $"arn:{_account.Partition}:iam::{_account.AccountId}:saml-provider/{request.Name}";
        var existing = await iam.ListSamlProvidersAsync(cancellationToken).ConfigureAwait(false);
        if (!existing.Contains(arn, StringComparer.OrdinalIgnoreCase))
        {
            var create = new PlannedChange(ChangeKind.Create, "SAML provider " + request.Name, "Create SAML provider " + request.Name, "provider does not exist",
                async token => await iam.CreateSamlProviderAsync(request.Name, request.SamlMetadataDocument, token).ConfigureAwait(false));
            return new IdentityProviderPlan { Request = request, Arn = arn, Creates = true, Changes = new[] { create } };
        }

        var current = await iam.GetSamlProviderAsync(arn, cancellationToken).ConfigureAwait(false);
        var warnings = string.Equals(current.MetadataDocument.Trim(), request.SamlMetadataDocument.Trim(), StringComparison.Ordinal)
            ? Array.Empty<string>()
            : new[] { $"The SAML provider {request.Name} exists with other metadata; it was left as it is (replace it in the console or with UpdateSAMLProvider when the IdP's certificate rolls over)." };
        return new IdentityProviderPlan { Request = request, Arn = arn, Warnings = warnings };
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using IamOps.Aws;
using IamOps.Policy;

namespace IamOps.Simulator;

// AssumeRoleWithSAML: a base64 SAML 2.0 Response whose Issuer is the provider metadata's entityID, whose XML signature
// (on the Response or its one Assertion, referencing that element's unique ID) verifies with System.Security.Cryptography.Xml
// against a signing certificate in the provider's metadata, not expired on the sandbox clock, whose Role attribute
// pairs the role with the provider; then the role's trust policy through the policy engine with the SAML:* keys.
internal sealed partial class StsService
{
    private const string SamlProtocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    private const string SamlAssertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    private const string SamlMetadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    private const string RoleAttribute = "https://aws.amazon.com/SAML/Attributes/Role";
    private const string SessionNameAttribute = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";

    public FederatedRoleSession AssumeRoleWithSaml(AssumeRoleWithSamlRequest request)
    {
        CheckFederatedRequest(request.RoleArn, "saml", request.DurationSeconds);
        IamNameRules.CheckLength("principalArn", request.PrincipalArn ?? throw ServiceError.Missing("principalArn"), 20, 2048);
        IamNameRules.CheckLength("sAMLAssertion", request.SamlAssertion ?? throw ServiceError.Missing("sAMLAssertion"), 4, 100000);
        if (!State.SamlProviders.TryGetValue(request.PrincipalArn, out var provider))
        {
            throw InvalidIdentityToken($"No SAML provider {request.PrincipalArn} in account {_account.AccountId}");
        }

        var response = ReadSamlResponse(request.SamlAssertion);
        var assertion = response.Element(XName.Get("Assertion", SamlAssertion)) ?? throw InvalidIdentityToken("The SAML Response holds no Assertion");
        var issuer = ((string?)assertion.Element(XName.Get("Issuer", SamlAssertion)) ?? (string?)response.Element(XName.Get("Issuer", SamlAssertion)))?.Trim();
        var entityId = MetadataEntityId(provider.MetadataDocument);
        if (!string.Equals(issuer, entityId, StringComparison.Ordinal))
        {
            throw new ServiceError("IDPRejectedClaim", 403, $"Issuer '{issuer}' of the SAML assertion does not match the entityID '{entityId}' of the provider {request.PrincipalArn}'s metadata");
        }

        if (SamlSignatures.Verify(Encoding.UTF8.GetString(Convert.FromBase64String(request.SamlAssertion.Trim())), provider.MetadataDocument) is { } refusal)
        {
            throw refusal.Unsigned ? new ServiceError("IDPRejectedClaim", 403, refusal.Reason) : InvalidIdentityToken(refusal.Reason);
        }

        var subject = assertion.Element(XName.Get("Subject", SamlAssertion));
        var confirmation = subject?.Element(XName.Get("SubjectConfirmation", SamlAssertion))?.Element(XName.Get("SubjectConfirmationData", SamlAssertion));
        var conditions = assertion.Element(XName.Get("Conditions", SamlAssertion));
        var now = _account.Now;
        foreach (var notOnOrAfter in new[] { (string?)confirmation?.Attribute("NotOnOrAfter"), (string?)conditions?.Attribute("NotOnOrAfter") }.Where(v => v is not null))
        {
            if (!DateTime.TryParse(notOnOrAfter, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var until))
            {
                throw InvalidIdentityToken($"NotOnOrAfter '{notOnOrAfter}' is not a date/time");
            }

            if (until <= now)
            {
                throw new ServiceError("ExpiredTokenException", 400, $"Token expired: current date/time {now:yyyy-MM-dd'T'HH:mm:ss'Z'} must be before the expiration date/time {until:yyyy-MM-dd'T'HH:mm:ss'Z'}");
            }
        }

        var attributes = assertion.Element(XName.Get("AttributeStatement", SamlAssertion))?.Elements(XName.Get("Attribute", SamlAssertion)).ToList() ?? new List<XElement>();
        var roles = Values(attributes, RoleAttribute);
        var pairNamed = roles.Select(r => r.Split(',').Select(p => p.Trim()).ToList()).Any(pair => pair.Count == 2 && pair.Contains(request.RoleArn) && pair.Contains(request.PrincipalArn));
        if (!pairNamed)
        {
            throw new ServiceError("IDPRejectedClaim", 403, $"The SAML assertion's {RoleAttribute} attribute does not pair the role {request.RoleArn} with the provider {request.PrincipalArn}");
        }

        var sessionName = Values(attributes, SessionNameAttribute).FirstOrDefault()
            ?? throw InvalidIdentityToken($"The SAML assertion has no {SessionNameAttribute} attribute");
        IamNameRules.CheckSessionName(sessionName);

        var role = FindFederatedRole(request.RoleArn, "sts:AssumeRoleWithSAML");
        var nameId = ((string?)subject?.Element(XName.Get("NameID", SamlAssertion)))?.Trim();
        var audience = (string?)confirmation?.Attribute("Recipient") ?? "https://signin.aws.amazon.com/saml";
        var context = new RequestContext()
            .Set("aws:FederatedProvider", request.PrincipalArn)
            .Set("aws:CurrentTime", now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Set("SAML:aud", audience)
            .Set("SAML:iss", issuer ?? string.Empty)
            .Set("SAML:sub", nameId ?? string.Empty);
        var trust = new PolicySet(new PolicySetOptions { ResourcePolicy = CompiledPolicy.Compile(role.AssumeRolePolicyDocument, "trust") });
        var roleArn = _account.Iam.RoleArn(role);
        if (trust.Decide(new AuthorizationRequest(request.PrincipalArn, "sts:AssumeRoleWithSAML", roleArn, context) { ResourceAccount = _account.AccountId }) != EvaluationDecision.Allowed)
        {
            throw ServiceError.AccessDenied($"Not authorized to perform sts:AssumeRoleWithSAML (sandbox: the trust policy of {roleArn} does not let in {request.PrincipalArn} with SAML:aud \"{audience}\")");
        }

        return new FederatedRoleSession
        {
            Session = IssueFederatedSession(role, sessionName, request.DurationSeconds, null, Array.Empty<string>()),
            Subject = nameId,
            Audience = audience,
            Provider = request.PrincipalArn,
        };
    }

    private static XElement ReadSamlResponse(string base64)
    {
        try
        {
            var xml = Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var root = XElement.Load(reader);
            return root.Name == XName.Get("Response", SamlProtocol) ? root : throw InvalidIdentityToken("The SAML assertion is not a SAML 2.0 Response");
        }
        catch (Exception ex) when (ex is FormatException or XmlException)
        {
            throw InvalidIdentityToken("Invalid base64 SAMLResponse: the text is not base64-encoded SAML XML");
        }
    }

    private static string? MetadataEntityId(string metadata)
    {
        using var reader = XmlReader.Create(new StringReader(metadata), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var root = XElement.Load(reader);
        var entity = root.Name == XName.Get("EntityDescriptor", SamlMetadata) ? root : root.Descendants(XName.Get("EntityDescriptor", SamlMetadata)).FirstOrDefault();
        return (string?)entity?.Attribute("entityID");
    }

    private static List<string> Values(IEnumerable<XElement> attributes, string name) =>
        attributes.Where(a => (string?)a.Attribute("Name") == name)
            .SelectMany(a => a.Elements(XName.Get("AttributeValue", SamlAssertion)).Select(v => v.Value.Trim()))
            .ToList();
}

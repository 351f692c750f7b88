using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace IamOps.RoleAssume;

/// <summary>
/// A base64-encoded SAML 2.0 Response, as an identity provider posts it to AWS; checked to be one before any call.
/// Its text never appears in ToString, messages or errors.
/// </summary>
public sealed class SamlAssertion
{
    private const string ProtocolNamespace = "urn:oasis:names:tc:SAML:2.0:protocol";
    private const string AssertionNamespace = "urn:oasis:names:tc:SAML:2.0:assertion";

    private SamlAssertion(string text, string? issuer)
    {
        Text = text;
        Issuer = issuer;
    }

    internal string Text { get; }

    /// <summary>The assertion's Issuer (the identity provider's entity id).</summary>
    public string? Issuer { get; }

    internal string Digest
    {
        get
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(Text)));
        }
    }

    public static SamlAssertion Parse(string? base64)
    {
        var text = (base64 ?? string.Empty).Trim();
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Invalid("it is not base64 text (pass the SAMLResponse form value the identity provider posts, not the XML itself)");
        }

        var document = new XmlDocument { XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document.Load(reader);
        }
        catch (XmlException ex)
        {
            throw Invalid($"the decoded text is not XML ({ex.Message})");
        }

        var root = document.DocumentElement;
        if (root is null || root.LocalName != "Response" || root.NamespaceURI != ProtocolNamespace)
        {
            throw Invalid("the document is not a SAML 2.0 Response (samlp:Response)");
        }

        var namespaces = new XmlNamespaceManager(document.NameTable);
        namespaces.AddNamespace("samlp", ProtocolNamespace);
        namespaces.AddNamespace("saml", AssertionNamespace);
        if (root.SelectSingleNode("saml:Assertion", namespaces) is not XmlElement assertion)
        {
            throw Invalid("the Response holds no saml:Assertion");
        }

        var issuer = assertion.SelectSingleNode("saml:Issuer", namespaces)?.InnerText.Trim() ?? root.SelectSingleNode("saml:Issuer", namespaces)?.InnerText.Trim();
        return new SamlAssertion(text, issuer);
    }

    public override string ToString() => $"SAML assertion from {Issuer}";

    private static IamOpsException Invalid(string why) =>
        new("SamlAssertionInvalid", FailureKind.InvalidArgument,
            $"-SamlAssertion is not a SAML response: {why}. Pass the base64 SAMLResponse your identity provider returns for AWS.");
}

using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// The sandbox as a SAML identity provider: its signing key and self-signed certificate, the metadata that publishes
/// the certificate, SAML Responses signed with System.Security.Cryptography.Xml (enveloped, exclusive c14n, RSA-SHA256),
/// and the verification AssumeRoleWithSAML runs against the certificates of a provider's metadata. Kept in its own
/// class so the XML-DSig assemblies load only when SAML is used.
/// </summary>
internal static class SamlSignatures
{
    public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    private const string DSig = "http://www.w3.org/2000/09/xmldsig#";
    private const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    private const string ExclusiveC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
    private const string Enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

    /// <summary>A 2048-bit RSA key and a self-signed X.509 certificate for it, valid ten years from <paramref name="now"/>.</summary>
    public static SamlSigningKeyState NewKey(DateTime now)
    {
        using var rsa = RSA.Create();
        rsa.KeySize = 2048;
        var p = rsa.ExportParameters(includePrivateParameters: true);
        var key = new TokenIssuerKeyState
        {
            KeyId = SecretGenerator.UniqueId("SAML"),
            Modulus = p.Modulus!, Exponent = p.Exponent!, D = p.D!, P = p.P!, Q = p.Q!, DP = p.DP!, DQ = p.DQ!, InverseQ = p.InverseQ!,
        };
        return new SamlSigningKeyState { Key = key, Certificate = SelfSignedCertificate(rsa, "IamOps sandbox SAML signing", now.AddDays(-1), now.AddYears(10)) };
    }

    /// <summary>SAML 2.0 IdP metadata for <paramref name="entityId"/> publishing the signing certificate.</summary>
    public static string NewMetadata(SamlSigningKeyState key, string entityId)
    {
        var certificate = Convert.ToBase64String(key.Certificate);
        return $"""
            <md:EntityDescriptor xmlns:md="{Metadata}" entityID="{Escape(entityId)}">
              <md:IDPSSODescriptor protocolSupportEnumeration="{Protocol}" WantAuthnRequestsSigned="false">
                <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="{DSig}"><ds:X509Data><ds:X509Certificate>{certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>
                <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sandbox.iamops.invalid/saml/sso"/>
              </md:IDPSSODescriptor>
            </md:EntityDescriptor>
            """;
    }

    /// <summary>A SAML 2.0 Response whose Assertion is signed (enveloped, exc-c14n, RSA-SHA256), as base64.</summary>
    public static string NewResponse(SamlSigningKeyState key, string issuer, string providerArn, string roleArn, string sessionName, string audience, DateTime issueInstant, DateTime notOnOrAfter)
    {
        static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var responseId = "_" + Guid.NewGuid().ToString("N");
        var assertionId = "_" + Guid.NewGuid().ToString("N");
        var xml = $"""
            <samlp:Response xmlns:samlp="{Protocol}" xmlns:saml="{Assertion}" ID="{responseId}" Version="2.0" IssueInstant="{Time(issueInstant)}" Destination="{Escape(audience)}"><saml:Issuer>{Escape(issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="{assertionId}" Version="2.0" IssueInstant="{Time(issueInstant)}"><saml:Issuer>{Escape(issuer)}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">{Escape(sessionName)}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{Time(notOnOrAfter)}" Recipient="{Escape(audience)}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="{Time(issueInstant)}" NotOnOrAfter="{Time(notOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>urn:amazon:webservices</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AttributeStatement><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>{Escape(roleArn)},{Escape(providerArn)}</saml:AttributeValue></saml:Attribute><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>{Escape(sessionName)}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>
            """;
        var document = Load(xml);
        var assertion = (XmlElement)document.DocumentElement!.GetElementsByTagName("Assertion", Assertion)[0]!;
        using var rsa = Rsa(key.Key, includePrivate: true);
        var signed = new SignedXml(assertion) { SigningKey = rsa };
        signed.SignedInfo!.CanonicalizationMethod = ExclusiveC14n;
        signed.SignedInfo.SignatureMethod = RsaSha256;
        var reference = new Reference("#" + assertionId) { DigestMethod = Sha256 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(new X509Certificate2(key.Certificate)));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();

        // The schema puts ds:Signature right after the Assertion's Issuer.
        var signature = document.ImportNode(signed.GetXml(), deep: true);
        assertion.InsertAfter(signature, assertion.FirstChild);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml));
    }

    /// <summary>
    /// Verifies the Response's XML signature against the signing certificates in <paramref name="metadata"/>. The
    /// signature must be a direct child of the Response or of its one Assertion and reference that element by its ID
    /// (unique in the document), so the element verified is the element AssumeRoleWithSAML reads (no signature wrapping).
    /// Returns null when it verifies, else the reason and whether any signature was present.
    /// </summary>
    public static (string Reason, bool Unsigned)? Verify(string responseXml, string metadata)
    {
        XmlDocument document;
        try
        {
            document = Load(responseXml);
        }
        catch (XmlException)
        {
            return ("Invalid SAML Response: the XML does not parse", false);
        }

        var response = document.DocumentElement!;
        var assertions = Children(response, "Assertion", Assertion).ToList();
        if (assertions.Count != 1)
        {
            return ("Invalid SAML Response: it must hold exactly one Assertion", false);
        }

        var candidates = new[] { response, assertions[0] }
            .SelectMany(e => Children(e, "Signature", DSig).Select(s => (Element: e, Signature: s)))
            .ToList();
        var signatures = document.GetElementsByTagName("Signature", DSig).Count;
        if (signatures == 0)
        {
            return ("The SAML Response is not signed: neither the Response nor the Assertion carries a ds:Signature", true);
        }

        if (signatures != candidates.Count)
        {
            return ("Response signature invalid: a ds:Signature stands where no signed element is read", false);
        }

        var keys = SigningKeys(metadata);
        if (keys.Count == 0)
        {
            return ("Response signature invalid: the provider's metadata holds no signing certificate", false);
        }

        try
        {
            foreach (var (element, signature) in candidates)
            {
                var id = element.GetAttribute("ID");
                if (id.Length == 0 || CountWithId(document, id) != 1)
                {
                    return ("Response signature invalid: the signed element has no unique ID", false);
                }

                var signed = new SignedXml(element);
                signed.LoadXml(signature);
                if (signed.SignedInfo!.References.Count != 1 || signed.SignedInfo.References[0] is not Reference reference || reference.Uri != "#" + id)
                {
                    return ("Response signature invalid: the signature does not reference the element that carries it", false);
                }

                if (Enumerable.Range(0, reference.TransformChain.Count).Select(i => reference.TransformChain[i]).Any(t => t is not XmlDsigEnvelopedSignatureTransform and not XmlDsigExcC14NTransform and not XmlDsigC14NTransform))
                {
                    return ("Response signature invalid: only the enveloped-signature and canonicalization transforms are accepted", false);
                }

                if (!keys.Any(signed.CheckSignature))
                {
                    return ("Response signature invalid: it does not verify with the signing certificate in the provider's metadata", false);
                }
            }
        }
        catch (CryptographicException)
        {
            return ("Response signature invalid: the ds:Signature is malformed", false);
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }

        return null;
    }

    private static List<RSA> SigningKeys(string metadata)
    {
        var document = Load(metadata);
        var keys = new List<RSA>();
        foreach (XmlElement descriptor in document.GetElementsByTagName("KeyDescriptor", Metadata))
        {
            var use = descriptor.GetAttribute("use");
            if (use.Length != 0 && use != "signing")
            {
                continue;
            }

            foreach (XmlElement certificate in descriptor.GetElementsByTagName("X509Certificate", DSig))
            {
                try
                {
                    var rsa = new X509Certificate2(Convert.FromBase64String(certificate.InnerText.Trim())).GetRSAPublicKey();
                    if (rsa is not null)
                    {
                        keys.Add(rsa);
                    }
                }
                catch (Exception ex) when (ex is FormatException or CryptographicException)
                {
                    // Not a certificate: it signs nothing.
                }
            }
        }

        return keys;
    }

    private static IEnumerable<XmlElement> Children(XmlElement parent, string localName, string ns) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == ns);

    private static int CountWithId(XmlDocument document, string id) =>
        document.SelectNodes("//*")!.OfType<XmlElement>().Count(e => e.GetAttribute("ID") == id || e.GetAttribute("Id") == id || e.GetAttribute("id") == id);

    private static XmlDocument Load(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }

    private static RSA Rsa(TokenIssuerKeyState key, bool includePrivate)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(includePrivate
            ? new RSAParameters { Modulus = key.Modulus, Exponent = key.Exponent, D = key.D, P = key.P, Q = key.Q, DP = key.DP, DQ = key.DQ, InverseQ = key.InverseQ }
            : new RSAParameters { Modulus = key.Modulus, Exponent = key.Exponent });
        return rsa;
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;

    // CertificateRequest is not in netstandard2.0: the certificate (RFC 5280, v3 without extensions) is written with
    // System.Formats.Asn1 and signed with the key itself.
    private static byte[] SelfSignedCertificate(RSA rsa, string commonName, DateTime notBefore, DateTime notAfter)
    {
        var p = rsa.ExportParameters(includePrivateParameters: false);
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                tbs.WriteInteger(2);
            }

            tbs.WriteInteger(new BigInteger(Guid.NewGuid().ToByteArray().Concat(new byte[] { 0 }).ToArray()));
            WriteSha256WithRsa(tbs);
            WriteName(tbs, commonName);
            using (tbs.PushSequence())
            {
                tbs.WriteUtcTime(new DateTimeOffset(DateTime.SpecifyKind(notBefore, DateTimeKind.Utc)));
                tbs.WriteUtcTime(new DateTimeOffset(DateTime.SpecifyKind(notAfter, DateTimeKind.Utc)));
            }

            WriteName(tbs, commonName);
            using (tbs.PushSequence())
            {
                using (tbs.PushSequence())
                {
                    tbs.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                    tbs.WriteNull();
                }

                var publicKey = new AsnWriter(AsnEncodingRules.DER);
                using (publicKey.PushSequence())
                {
                    publicKey.WriteIntegerUnsigned(p.Modulus);
                    publicKey.WriteIntegerUnsigned(p.Exponent);
                }

                tbs.WriteBitString(publicKey.Encode());
            }
        }

        var toBeSigned = tbs.Encode();
        var certificate = new AsnWriter(AsnEncodingRules.DER);
        using (certificate.PushSequence())
        {
            certificate.WriteEncodedValue(toBeSigned);
            WriteSha256WithRsa(certificate);
            certificate.WriteBitString(rsa.SignData(toBeSigned, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        return certificate.Encode();
    }

    private static void WriteSha256WithRsa(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.1.11");
            writer.WriteNull();
        }
    }

    private static void WriteName(AsnWriter writer, string commonName)
    {
        using (writer.PushSequence())
        using (writer.PushSetOf())
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("2.5.4.3");
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, commonName);
        }
    }
}

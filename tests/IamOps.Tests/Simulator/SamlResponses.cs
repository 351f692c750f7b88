using System.Text;

namespace IamOps.Tests.Simulator;

/// <summary>SAML 2.0 Responses as an identity provider posts them to AWS, for tests (signature element present, not a real signature).</summary>
internal static class SamlResponses
{
    public const string EntityId = "http://www.okta.com/exk1";

    public static string Metadata(string entityId = EntityId) =>
        $"""
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{entityId}">
          <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>{new string('A', 900)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://acme.okta.com/app/sso/saml"/>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """;

    public static string Base64(string roleArn, string providerArn, DateTime notOnOrAfter, string issuer = EntityId, bool signed = true, string sessionName = "alice@example.com") =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"""
            <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0">
              <saml:Issuer>{issuer}</saml:Issuer>
              <saml:Assertion ID="_a1" Version="2.0">
                <saml:Issuer>{issuer}</saml:Issuer>
                {(signed ? "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>" : string.Empty)}
                <saml:Subject>
                  <saml:NameID>alice@example.com</saml:NameID>
                  <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
                    <saml:SubjectConfirmationData NotOnOrAfter="{notOnOrAfter:yyyy-MM-dd'T'HH:mm:ss'Z'}" Recipient="https://signin.aws.amazon.com/saml"/>
                  </saml:SubjectConfirmation>
                </saml:Subject>
                <saml:AttributeStatement>
                  <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>{roleArn},{providerArn}</saml:AttributeValue></saml:Attribute>
                  <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>{sessionName}</saml:AttributeValue></saml:Attribute>
                </saml:AttributeStatement>
              </saml:Assertion>
            </samlp:Response>
            """));
}

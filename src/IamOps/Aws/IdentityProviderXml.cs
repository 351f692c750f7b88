using System.Xml;

namespace IamOps.Aws;

/// <summary>IAM's identity-provider XML shapes turned into our port types.</summary>
internal static class IdentityProviderXml
{
    public static string CreatedArn(IamQueryResult result, string field) =>
        result.Text(field) is { Length: > 0 } arn ? arn : throw new XmlException($"The response has no <{field}>.");

    public static OidcProvider OidcProvider(IamQueryResult result, string arn) => new()
    {
        Arn = arn,
        Url = result.Text("Url") ?? throw new XmlException("The response has no <Url>."),
        ClientIds = result.List("ClientIDList").Select(m => m.Value).ToList(),
        Thumbprints = result.List("ThumbprintList").Select(m => m.Value).ToList(),
        CreateDate = result.Fields.Date("CreateDate"),
        Tags = result.List("Tags").Select(m => new IamTag(m.Required("Key"), m.Required("Value"))).ToList(),
    };

    public static SamlProvider SamlProvider(IamQueryResult result, string arn) => new()
    {
        Arn = arn,
        Name = arn.Substring(arn.IndexOf(":saml-provider/", StringComparison.Ordinal) is var at and >= 0 ? at + ":saml-provider/".Length : 0),
        MetadataDocument = result.Text("SAMLMetadataDocument") ?? string.Empty,
        CreateDate = result.Fields.Date("CreateDate"),
        ValidUntil = result.Fields.OptionalDate("ValidUntil"),
    };

    /// <summary>The ARNs of a provider list (members hold an Arn, with ValidUntil and CreateDate for SAML).</summary>
    public static IReadOnlyList<string> Arns(IamQueryResult result, string listName) =>
        result.List(listName).Select(m => m.Required("Arn")).Where(a => a.Length > 0).ToList();
}

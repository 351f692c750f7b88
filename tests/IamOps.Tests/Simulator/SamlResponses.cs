using System.Text;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>
/// SAML 2.0 Responses as an identity provider posts them to AWS, for tests: signed by the sandbox's SAML signer
/// (<see cref="SimulatedAccount.NewSamlAssertion(string, string, string, TimeSpan)"/>) against metadata from
/// <see cref="SimulatedAccount.NewSamlMetadata"/>, then altered where a test needs a flaw.
/// </summary>
internal static class SamlResponses
{
    public const string EntityId = "http://www.okta.com/exk1";

    /// <summary>Metadata publishing the sandbox's signing certificate.</summary>
    public static string Metadata(SimulatedAccount account, string entityId = EntityId) => account.NewSamlMetadata(entityId);

    /// <summary>
    /// A signed Response for <paramref name="roleArn"/> valid until <paramref name="notOnOrAfter"/> (the sandbox clock).
    /// <paramref name="issuer"/> other than the provider's entity ID rewrites the Issuer after signing;
    /// <paramref name="signed"/> false strips the ds:Signature.
    /// </summary>
    public static string Base64(SimulatedAccount account, string roleArn, string providerArn, DateTime notOnOrAfter, string issuer = EntityId, bool signed = true, string sessionName = "alice@example.com")
    {
        var response = account.NewSamlAssertion(providerArn, roleArn, sessionName, notOnOrAfter - account.Now);
        if (issuer == EntityId && signed)
        {
            return response;
        }

        var xml = Xml(response);
        if (issuer != EntityId)
        {
            xml = xml.Replace($">{EntityId}<", $">{issuer}<");
        }

        if (!signed)
        {
            var start = xml.IndexOf("<Signature", StringComparison.Ordinal);
            var end = xml.IndexOf("</Signature>", StringComparison.Ordinal) + "</Signature>".Length;
            xml = xml.Remove(start, end - start);
        }

        return Encode(xml);
    }

    public static string Xml(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    public static string Encode(string xml) => Convert.ToBase64String(Encoding.UTF8.GetBytes(xml));
}

using System.Globalization;
using System.Xml;
using IamOps.Aws;

namespace IamOps.TestEndpoint.Query;

/// <summary>STS's federation actions: unsigned requests whose proof is an OIDC token or a SAML assertion.</summary>
internal static partial class StsQueryActions
{
    private static readonly HashSet<string> UnsignedActions = new(StringComparer.Ordinal) { "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML" };

    /// <summary>An unsigned POST (or GET) for one of the actions STS serves without a signature.</summary>
    public static bool IsUnsigned(SimpleHttpRequest request)
    {
        var parameters = request.Method == "POST" ? QueryParameters.Parse(request.Body) : QueryParameters.Parse(request.RawQuery);
        return parameters.Get("Action") is { } action && UnsignedActions.Contains(action);
    }

    private static Dictionary<string, QueryHandler> Federated() => new(StringComparer.Ordinal)
    {
        ["AssumeRoleWithWebIdentity"] = c =>
        {
            var p = c.Parameters;
            var request = new AssumeRoleWithWebIdentityRequest
            {
                RoleArn = p.Required("RoleArn"),
                RoleSessionName = p.Required("RoleSessionName"),
                WebIdentityToken = p.Required("WebIdentityToken"),
                DurationSeconds = p.Int("DurationSeconds"),
                Policy = p.Get("Policy"),
                PolicyArns = p.ArnMembers("PolicyArns"),
            };
            var federated = c.Run(_ => c.Account.Sts.AssumeRoleWithWebIdentity(request));
            return w =>
            {
                Session(w, federated.Session);
                QueryXml.Text(w, "SubjectFromWebIdentityToken", federated.Subject);
                QueryXml.Text(w, "Audience", federated.Audience);
                QueryXml.Text(w, "Provider", federated.Provider);
            };
        },
        ["AssumeRoleWithSAML"] = c =>
        {
            var p = c.Parameters;
            var request = new AssumeRoleWithSamlRequest
            {
                RoleArn = p.Required("RoleArn"),
                PrincipalArn = p.Required("PrincipalArn"),
                SamlAssertion = p.Required("SAMLAssertion"),
                DurationSeconds = p.Int("DurationSeconds"),
            };
            var federated = c.Run(_ => c.Account.Sts.AssumeRoleWithSaml(request));
            return w =>
            {
                Session(w, federated.Session);
                QueryXml.Text(w, "Subject", federated.Subject);
                QueryXml.Text(w, "Audience", federated.Audience);
                QueryXml.Text(w, "Issuer", federated.Provider);
            };
        },
    };

    /// <summary>A role session as STS returns it: Credentials, AssumedRoleUser, then (AssumeRole only) PackedPolicySize, and SourceIdentity.</summary>
    private static void Session(XmlWriter w, AssumedRoleSession session, bool withPackedPolicySize = false)
    {
        Credentials(w, session.Credentials);
        w.WriteStartElement("AssumedRoleUser");
        w.WriteElementString("AssumedRoleId", session.AssumedRoleId);
        w.WriteElementString("Arn", session.AssumedRoleArn);
        w.WriteEndElement();
        if (withPackedPolicySize)
        {
            QueryXml.Text(w, "PackedPolicySize", session.PackedPolicySize?.ToString(CultureInfo.InvariantCulture));
        }

        QueryXml.Text(w, "SourceIdentity", session.SourceIdentity);
    }

    private static void Credentials(XmlWriter w, TemporaryCredentials credentials)
    {
        w.WriteStartElement("Credentials");
        w.WriteElementString("AccessKeyId", credentials.AccessKeyId);
        w.WriteElementString("SecretAccessKey", credentials.SecretAccessKey);
        w.WriteElementString("SessionToken", credentials.SessionToken);
        w.WriteElementString("Expiration", QueryXml.Date(credentials.Expiration));
        w.WriteEndElement();
    }
}

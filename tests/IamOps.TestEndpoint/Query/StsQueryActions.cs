using System.Globalization;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The STS actions the endpoint serves.</summary>
internal static partial class StsQueryActions
{
    public static readonly IReadOnlyDictionary<string, QueryHandler> All = new Dictionary<string, QueryHandler>(Signed().Concat(Federated()), StringComparer.Ordinal);

    private static Dictionary<string, QueryHandler> Signed() => new(StringComparer.Ordinal)
    {
        ["GetCallerIdentity"] = c =>
        {
            var identity = c.Run(caller => StsService.GetCallerIdentity(c.Account.AccountId, caller));
            return w =>
            {
                w.WriteElementString("Arn", identity.Arn);
                w.WriteElementString("UserId", identity.UserId);
                w.WriteElementString("Account", identity.Account);
            };
        },
        ["GetSessionToken"] = c =>
        {
            var p = c.Parameters;
            var request = new GetSessionTokenRequest { DurationSeconds = p.Int("DurationSeconds"), SerialNumber = p.Get("SerialNumber"), TokenCode = p.Get("TokenCode") };
            var credentials = c.Run(caller => c.Account.Sts.GetSessionToken(caller, request));
            return w =>
            {
                w.WriteStartElement("Credentials");
                w.WriteElementString("AccessKeyId", credentials.AccessKeyId);
                w.WriteElementString("SecretAccessKey", credentials.SecretAccessKey);
                w.WriteElementString("SessionToken", credentials.SessionToken);
                w.WriteElementString("Expiration", QueryXml.Date(credentials.Expiration));
                w.WriteEndElement();
            };
        },
        ["AssumeRole"] = c =>
        {
            var p = c.Parameters;
            var request = new AssumeRoleRequest
            {
                RoleArn = p.Required("RoleArn"),
                RoleSessionName = p.Required("RoleSessionName"),
                DurationSeconds = p.Int("DurationSeconds"),
                ExternalId = p.Get("ExternalId"),
                SerialNumber = p.Get("SerialNumber"),
                TokenCode = p.Get("TokenCode"),
                Policy = p.Get("Policy"),
                PolicyArns = p.ArnMembers("PolicyArns"),
                Tags = p.Tags(),
                TransitiveTagKeys = p.Members("TransitiveTagKeys"),
                SourceIdentity = p.Get("SourceIdentity"),
            };
            var session = c.Run(caller => c.Account.Sts.AssumeRole(caller, request));
            return w =>
            {
                w.WriteStartElement("Credentials");
                w.WriteElementString("AccessKeyId", session.Credentials.AccessKeyId);
                w.WriteElementString("SecretAccessKey", session.Credentials.SecretAccessKey);
                w.WriteElementString("SessionToken", session.Credentials.SessionToken);
                w.WriteElementString("Expiration", QueryXml.Date(session.Credentials.Expiration));
                w.WriteEndElement();
                w.WriteStartElement("AssumedRoleUser");
                w.WriteElementString("AssumedRoleId", session.AssumedRoleId);
                w.WriteElementString("Arn", session.AssumedRoleArn);
                w.WriteEndElement();
                QueryXml.Text(w, "PackedPolicySize", session.PackedPolicySize?.ToString(CultureInfo.InvariantCulture));
                QueryXml.Text(w, "SourceIdentity", session.SourceIdentity);
            };
        },
    };
}

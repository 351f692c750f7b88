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
            return w => Credentials(w, credentials);
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
            return w => Session(w, session, withPackedPolicySize: true);
        },
    };
}

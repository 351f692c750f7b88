namespace IamOps.Tests.Aws;

/// <summary>Response bodies in the shapes of the IAM API reference.</summary>
internal static class IamResponses
{
    public const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    public static CannedResponse Ok(string action, string resultXml, string requestId = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE") =>
        new(200, $"<{action}Response xmlns=\"{Namespace}\"><{action}Result>{resultXml}</{action}Result><ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata></{action}Response>");

    /// <summary>An action whose answer has no result element (TagUser, AttachUserPolicy, ...).</summary>
    public static CannedResponse Empty(string action, string requestId = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE") =>
        new(200, $"<{action}Response xmlns=\"{Namespace}\"><ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata></{action}Response>");

    public static CannedResponse Error(int status, string code, string message, string type = "Sender", string requestId = "err-4b3c-11e7-9b1a-EXAMPLE") =>
        new(status, $"<ErrorResponse xmlns=\"{Namespace}\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>");

    public static string User(string name, string extra = "") =>
        $"<User><Path>/</Path><UserName>{name}</UserName><UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/{name}</Arn><CreateDate>2013-04-18T23:01:45Z</CreateDate>{extra}</User>";
}

namespace IamOps.PowerShell.Tests;

/// <summary>
/// A bounded STS stand-in on 127.0.0.1 (a <see cref="LocalHttpServer"/>): answers GetCallerIdentity in the XML shape of
/// the STS API reference for the access keys it knows, InvalidClientTokenId for others, and records every request.
/// </summary>
public sealed class LocalStsEndpoint : IDisposable
{
    private readonly Dictionary<string, string> _arnByAccessKey;
    private readonly LocalHttpServer _server;

    public LocalStsEndpoint(IDictionary<string, string> arnByAccessKey)
    {
        _arnByAccessKey = new Dictionary<string, string>(arnByAccessKey, StringComparer.Ordinal);
        _server = new LocalHttpServer((request, _) => Answer(request));
    }

    public string Url => _server.Url.ToString();

    public IEnumerable<RecordedRequest> Requests =>
        _server.Requests.Select(r => new RecordedRequest(r.Body, r.Headers.TryGetValue("Authorization", out var authorization) ? authorization : string.Empty));

    public void Dispose() => _server.Dispose();

    private CannedResponse Answer(IamOps.TestEndpoint.RecordedRequest request)
    {
        var authorization = request.Headers.TryGetValue("Authorization", out var header) ? header : string.Empty;
        var accessKey = Between(authorization, "Credential=", "/");
        return _arnByAccessKey.TryGetValue(accessKey, out var arn) && request.Body.Contains("Action=GetCallerIdentity", StringComparison.Ordinal)
            ? new CannedResponse(200, IdentityXml(arn))
            : new CannedResponse(403, ErrorXml("InvalidClientTokenId", "The security token included in the request is invalid."));
    }

    private static string IdentityXml(string arn)
    {
        var account = arn.Split(':')[4];
        return "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + $"<Arn>{arn}</Arn><UserId>AIDAEXAMPLEUSERID0001</UserId><Account>{account}</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
    }

    private static string ErrorXml(string code, string message) =>
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
        + $"<Code>{code}</Code><Message>{message}</Message></Error><RequestId>fedcba98-7654-3210-fedc-ba9876543210</RequestId></ErrorResponse>";

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        if (from < 0)
        {
            return string.Empty;
        }

        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? text.Substring(from) : text.Substring(from, to - from);
    }

    /// <summary>One request as the endpoint saw it: the form body and the SigV4 Authorization header.</summary>
    public sealed record RecordedRequest(string Body, string Authorization)
    {
        /// <summary>The region in the signature's credential scope (AKID/date/REGION/service/aws4_request).</summary>
        public string SigningRegion => Authorization.Split("Credential=")[^1].Split('/') is { Length: > 2 } scope ? scope[2] : string.Empty;
    }
}

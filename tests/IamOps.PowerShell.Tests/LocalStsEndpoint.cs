using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// A bounded STS stand-in on 127.0.0.1: answers GetCallerIdentity in the XML shape of the STS API reference for the
/// access keys it knows, InvalidClientTokenId for others, and records every request.
/// </summary>
public sealed class LocalStsEndpoint : IDisposable
{
    private const int MaxRequests = 200;
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _arnByAccessKey;
    private readonly Task _serving;

    public LocalStsEndpoint(IDictionary<string, string> arnByAccessKey)
    {
        _arnByAccessKey = new Dictionary<string, string>(arnByAccessKey, StringComparer.Ordinal);
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        for (var served = 0; served < MaxRequests && _listener.IsListening; served++)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var authorization = context.Request.Headers["Authorization"] ?? string.Empty;
            Requests.Enqueue(new RecordedRequest(body, authorization));
            var accessKey = Between(authorization, "Credential=", "/");
            var (status, xml) = _arnByAccessKey.TryGetValue(accessKey, out var arn) && body.Contains("Action=GetCallerIdentity", StringComparison.Ordinal)
                ? (200, IdentityXml(arn))
                : (403, ErrorXml("InvalidClientTokenId", "The security token included in the request is invalid."));
            var bytes = Encoding.UTF8.GetBytes(xml);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
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

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>One request as the endpoint saw it: the form body and the SigV4 Authorization header.</summary>
    public sealed record RecordedRequest(string Body, string Authorization)
    {
        /// <summary>The region in the signature's credential scope (AKID/date/REGION/service/aws4_request).</summary>
        public string SigningRegion => Authorization.Split("Credential=")[^1].Split('/') is { Length: > 2 } scope ? scope[2] : string.Empty;
    }
}

using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Util;
using Amazon.SecurityToken;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>Sends requests signed by AWSSDK.Core's own SigV4 signer, so the endpoint's verification is checked against AWS's code, not ours.</summary>
internal static class SignedHttp
{
    public static HttpClient NewClient() => new() { Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>A Query-protocol POST (form body) to IAM or STS.</summary>
    public static Task<HttpResponseMessage> QueryAsync(HttpClient http, Uri baseUrl, SimulatorCredentials credentials, string service, params (string Name, string Value)[] form)
    {
        var body = string.Join("&", form.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        return SendAsync(http, baseUrl, credentials, service, "POST", "/", new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body));
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri baseUrl, SimulatorCredentials credentials, string service, string method, string path, Dictionary<string, string> query, byte[] body)
    {
        var request = new DefaultRequest(new SignedRequest(), service.ToUpperInvariant())
        {
            HttpMethod = method,
            Endpoint = baseUrl,
            ResourcePath = path,
            Content = body.Length == 0 ? null : body,
        };
        foreach (var pair in query)
        {
            request.Parameters[pair.Key] = pair.Value;
        }

        if (body.Length > 0)
        {
            request.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
        }

        if (credentials.SessionToken is not null)
        {
            request.Headers["X-Amz-Security-Token"] = credentials.SessionToken;
        }

        var config = new AmazonSecurityTokenServiceConfig { ServiceURL = baseUrl.ToString(), AuthenticationRegion = "us-east-1", AuthenticationServiceName = service };
        var signing = new AWS4Signer().SignRequest(request, config, new RequestMetrics(), credentials.AccessKeyId, credentials.SecretAccessKey);
        request.Headers["Authorization"] = signing.ForAuthorizationHeader;

        var queryText = string.Join("&", query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var message = new HttpRequestMessage(new HttpMethod(method), new Uri(baseUrl, path + (queryText.Length == 0 ? string.Empty : "?" + queryText)));
        if (body.Length > 0)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.Headers["Content-Type"]);
        }

        foreach (var header in request.Headers)
        {
            if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = header.Value;
                continue;
            }

            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return await http.SendAsync(message);
    }

    private sealed class SignedRequest : AmazonWebServiceRequest
    {
    }
}

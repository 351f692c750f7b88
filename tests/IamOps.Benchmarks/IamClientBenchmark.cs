using System.Diagnostics;
using System.Globalization;
using System.Text;
using IamOps.Aws;
using IamOps.Connection;
using IamOps.TestEndpoint;
using Microsoft.AspNetCore.Http;

namespace IamOps.Benchmarks;

/// <summary>
/// Calls per second and bytes allocated per call of IAM GetUser through <see cref="IamQueryClient"/> (SDK pipeline,
/// SigV4, HTTP, XML parsing) against a local endpoint. Arguments: <c>--calls N</c> (default 5000), <c>--warmup N</c>
/// (default 500), <c>--endpoint URL</c> to measure against another endpoint (e.g. the sandbox) instead of the built-in one.
/// </summary>
public static class IamClientBenchmark
{
    public static int Run(string[] args)
    {
        var calls = IntArgument(args, "--calls", 5000);
        var warmup = IntArgument(args, "--warmup", 500);
        var endpointArgument = StringArgument(args, "--endpoint");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

        using var server = endpointArgument is null ? new CannedIamEndpoint() : null;
        var endpoint = endpointArgument ?? server!.Url;
        var connection = new ConnectionResolver().Resolve(new ConnectionParameters
        {
            AccessKey = "AKIAIOSFODNN7EXAMPLE",
            SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            Region = "us-east-1",
            EndpointUrl = endpoint,
        });
        using var client = IamQueryClient.For(connection);

        CallSequentially(client, warmup);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        CallSequentially(client, calls);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Console.WriteLine($"endpoint: {endpoint}");
        Console.WriteLine($"calls: {calls}");
        Console.WriteLine($"elapsed_ms: {clock.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"calls_per_second: {(calls / clock.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"bytes_allocated_per_call: {(allocated / calls).ToString(CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static void CallSequentially(IamQueryClient client, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            var user = client.GetUserAsync("bench", CancellationToken.None).GetAwaiter().GetResult();
            if (user.UserName.Length == 0)
            {
                throw new InvalidOperationException("GetUser returned no user name.");
            }
        }
    }

    private static int IntArgument(string[] args, string name, int fallback) =>
        StringArgument(args, name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    private static string? StringArgument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>
    /// A keep-alive HTTP endpoint on 127.0.0.1 (Kestrel) answering every request with one prebuilt GetUser response, so
    /// that the allocations measured are (almost all) the client's own: Kestrel pools its per-request state.
    /// </summary>
    private sealed class CannedIamEndpoint : IDisposable
    {
        private const string Body =
            "<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetUserResult><User><Path>/</Path><UserName>bench</UserName>"
            + "<UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/bench</Arn><CreateDate>2013-04-18T23:01:45Z</CreateDate>"
            + "<Tags><member><Key>team</Key><Value>blue</Value></member></Tags></User></GetUserResult>"
            + "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></GetUserResponse>";

        private static readonly byte[] Response = Encoding.UTF8.GetBytes(Body);

        private readonly LoopbackServer _server = LoopbackServer.Start(AnswerAsync);

        public string Url => _server.BaseUrl.ToString();

        public void Dispose() => _server.Dispose();

        private static async Task AnswerAsync(HttpContext context)
        {
            // The request body is the client's; it is drained, unread, by the server.
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "text/xml";
            response.Headers["x-amzn-RequestId"] = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE";
            response.ContentLength = Response.Length;
            await response.Body.WriteAsync(Response).ConfigureAwait(false);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IamOps.Aws;
using IamOps.Connection;

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
    /// A keep-alive HTTP/1.1 endpoint on 127.0.0.1 answering every request with one prebuilt GetUser response, reusing
    /// its buffers so that the allocations measured are (almost all) the client's own.
    /// </summary>
    private sealed class CannedIamEndpoint : IDisposable
    {
        private const string Body =
            "<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetUserResult><User><Path>/</Path><UserName>bench</UserName>"
            + "<UserId>AIDACKCEVSQ6C2EXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/bench</Arn><CreateDate>2013-04-18T23:01:45Z</CreateDate>"
            + "<Tags><member><Key>team</Key><Value>blue</Value></member></Tags></User></GetUserResult>"
            + "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></GetUserResponse>";

        private static readonly byte[] Response = Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nx-amzn-RequestId: 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE\r\n"
            + $"Content-Length: {Encoding.UTF8.GetByteCount(Body)}\r\n\r\n{Body}");

        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public CannedIamEndpoint()
        {
            _listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
            _ = Task.Run(AcceptAsync);
        }

        public string Url { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(socket));
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            using (socket)
            {
                var buffer = new byte[64 * 1024];
                var filled = 0;
                try
                {
                    while (true)
                    {
                        var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return;
                        }

                        filled += read;
                        while (TryTakeRequest(buffer, ref filled))
                        {
                            await socket.SendAsync(Response.AsMemory(), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                        }
                    }
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    // The client closed the connection or the benchmark ended.
                }
            }
        }

        /// <summary>Removes one complete request (headers and Content-Length body) from the buffer, if there is one.</summary>
        private static bool TryTakeRequest(byte[] buffer, ref int filled)
        {
            var headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0)
            {
                return false;
            }

            var headers = Encoding.ASCII.GetString(buffer, 0, headerEnd);
            var lengthAt = headers.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
            var length = 0;
            if (lengthAt >= 0)
            {
                var lineEnd = headers.IndexOf('\r', lengthAt);
                var text = lineEnd < 0 ? headers.Substring(lengthAt + 15) : headers.Substring(lengthAt + 15, lineEnd - lengthAt - 15);
                length = int.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            }

            var total = headerEnd + 4 + length;
            if (filled < total)
            {
                return false;
            }

            Buffer.BlockCopy(buffer, total, buffer, 0, filled - total);
            filled -= total;
            return true;
        }
    }
}

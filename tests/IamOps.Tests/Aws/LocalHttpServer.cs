using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IamOps.Tests.Aws;

/// <summary>One HTTP request as the local server received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The form-encoded body as name/value pairs.</summary>
    public IReadOnlyDictionary<string, string> Form { get; } = ParseForm(Body);

    public string Action => Form.TryGetValue("Action", out var action) ? action : string.Empty;

    private static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair.Substring(0, equals);
            var value = equals < 0 ? string.Empty : pair.Substring(equals + 1);
            form[Uri.UnescapeDataString(name.Replace('+', ' '))] = Uri.UnescapeDataString(value.Replace('+', ' '));
        }

        return form;
    }
}

/// <summary>What the local server answers; <see cref="CutAfterBytes"/> promises the whole body and then drops the connection.</summary>
internal sealed record CannedResponse(int Status, string Body, string ContentType = "text/xml")
{
    public int? CutAfterBytes { get; init; }

    /// <summary>Answer only after this long (to prove the client's timeout ends the wait).</summary>
    public TimeSpan Delay { get; init; }

    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// An HTTP server on 127.0.0.1 and a free port for tests: records each request and answers through a callback. It
/// refuses to serve more than <see cref="MaxRequests"/> requests, so a client that loops fails the test instead of spinning.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    public const int MaxRequests = 200;

    private readonly HttpListener _listener = new();
    private readonly Func<RecordedRequest, int, CannedResponse> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _count;

    /// <param name="respond">Gets the request and its 1-based number.</param>
    public LocalHttpServer(Func<RecordedRequest, int, CannedResponse> respond)
    {
        _respond = respond;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int RequestCount => Volatile.Read(ref _count);

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under the loop; that is how it stops.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url?.PathAndQuery ?? "/", headers, body);
            var number = Interlocked.Increment(ref _count);
            Requests.Enqueue(request);
            var canned = number > MaxRequests ? new CannedResponse(500, "too many requests to the test server") : _respond(request, number);
            if (canned.Delay != TimeSpan.Zero)
            {
                await Task.Delay(canned.Delay, _stop.Token).ConfigureAwait(false);
            }

            var bytes = Encoding.UTF8.GetBytes(canned.Body);
            var response = context.Response;
            response.StatusCode = canned.Status;
            response.ContentType = canned.ContentType;
            foreach (var header in canned.Headers)
            {
                response.Headers[header.Key] = header.Value;
            }

            response.ContentLength64 = bytes.Length;
            if (canned.CutAfterBytes is int cut)
            {
                await response.OutputStream.WriteAsync(bytes.AsMemory(0, Math.Min(cut, bytes.Length))).ConfigureAwait(false);
                await response.OutputStream.FlushAsync().ConfigureAwait(false);
                response.Abort();
                return;
            }

            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client went away or the server is stopping; nothing to answer.
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IamOps.TestEndpoint;

/// <summary>One HTTP request as the local server received it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The form-encoded body as name/value pairs.</summary>
    public IReadOnlyDictionary<string, string> Form { get; } = ParseForm(Body);

    public string Action => Form.TryGetValue("Action", out var action) ? action : string.Empty;

    private static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair.Substring(0, equals);
            var value = equals < 0 ? string.Empty : pair.Substring(equals + 1);
            form[Uri.UnescapeDataString(name.Replace('+', ' '))] = Uri.UnescapeDataString(value.Replace('+', ' '));
        }

        return form;
    }
}

/// <summary>What the local server answers; <see cref="CutAfterBytes"/> promises the whole body and then drops the connection.</summary>
public sealed record CannedResponse(int Status, string Body, string ContentType = "text/xml")
{
    public int? CutAfterBytes { get; init; }

    /// <summary>Answer only after this long (to prove the client's timeout ends the wait).</summary>
    public TimeSpan Delay { get; init; }

    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// A programmable HTTP server on 127.0.0.1 and a free port for tests (Kestrel, through <see cref="LoopbackServer"/>):
/// records each request and answers through a callback, with canned or faulty responses. It refuses to serve more than
/// <see cref="MaxRequests"/> requests, so a client that loops fails the test instead of spinning.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    public const int MaxRequests = 200;

    private readonly Func<RecordedRequest, int, CannedResponse> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly LoopbackServer _server;
    private int _count;
    private int _disposed;

    /// <param name="respond">Gets the request and its 1-based number.</param>
    public LocalHttpServer(Func<RecordedRequest, int, CannedResponse> respond)
    {
        _respond = respond ?? throw new ArgumentNullException(nameof(respond));
        _server = LoopbackServer.Start(AnswerAsync);
    }

    public Uri Url => _server.BaseUrl;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>A port on 127.0.0.1 that nothing listens on: one a server had, stopped.</summary>
    public static int FreePort()
    {
        using var probe = LoopbackServer.Start(_ => Task.CompletedTask);
        return probe.BaseUrl.Port;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Delayed answers end first, so stopping does not wait for them.
        _stop.Cancel();
        _server.Dispose();
        _stop.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            var request = new RecordedRequest(context.Request.Method, target, headers, body);
            var number = Interlocked.Increment(ref _count);
            Requests.Enqueue(request);
            var canned = number > MaxRequests ? new CannedResponse(500, "too many requests to the test server") : _respond(request, number);
            if (canned.Delay > TimeSpan.Zero)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, context.RequestAborted);
                await Task.Delay(canned.Delay, wait.Token).ConfigureAwait(false);
            }

            var bytes = Encoding.UTF8.GetBytes(canned.Body);
            var response = context.Response;
            response.StatusCode = canned.Status;
            response.ContentType = canned.ContentType;
            foreach (var header in canned.Headers)
            {
                response.Headers[header.Key] = header.Value;
            }

            response.ContentLength = bytes.Length;
            if (canned.CutAfterBytes is int cut)
            {
                await response.Body.WriteAsync(bytes.AsMemory(0, Math.Min(cut, bytes.Length)), context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            }

            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping; nothing to answer.
            context.Abort();
        }
    }
}

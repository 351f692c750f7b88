using IamOps.Simulator;
using IamOps.TestEndpoint.Query;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IamOps.TestEndpoint;

/// <summary>
/// The account served over HTTP on 127.0.0.1 and a free port (Kestrel): IAM and STS Query protocol and S3's
/// ListBuckets, HeadBucket and GetBucketLocation, SigV4-verified, so the real AWS clients (and real pwsh processes) can
/// be pointed at <see cref="BaseUrl"/>. Scheduled transport faults drop the connection or hold it silent. Dispose stops it.
/// </summary>
public sealed class SimulatorEndpoint : IDisposable
{
    private readonly SimulatedAccount _account;
    private readonly SimulatorEndpointOptions _options;
    private readonly RequestRouter _router;
    private readonly CancellationTokenSource _stopping = new();
    private readonly LoopbackServer _server;
    private int _disposed;

    private SimulatorEndpoint(SimulatedAccount account, SimulatorEndpointOptions options, SimulatedOrganization? organization = null)
    {
        _account = account;
        _options = options;
        _router = new RequestRouter(account, organization);
        _server = LoopbackServer.Start(ServeAsync, limits =>
        {
            // The endpoint answers an oversize body itself, in AWS's shape; at the same limit Kestrel then closes the
            // connection without waiting for the body.
            limits.MaxRequestBodySize = options.MaxBodyBytes;
            limits.MaxRequestHeadersTotalSize = options.MaxHeaderBytes;
            limits.RequestHeadersTimeout = options.RequestReadTimeout;
            limits.KeepAliveTimeout = options.IdleTimeout;
            limits.MaxConcurrentConnections = options.MaxConnections;
        });
    }

    /// <summary>e.g. http://127.0.0.1:49321/ — the ServiceURL for IAM, STS and (path-style) S3 clients.</summary>
    public Uri BaseUrl => _server.BaseUrl;

    public SimulatedAccount Account => _account;

    public static SimulatorEndpoint Start(SimulatedAccount account, SimulatorEndpointOptions? options = null) =>
        new(account ?? throw new ArgumentNullException(nameof(account)), options ?? new SimulatorEndpointOptions());

    /// <summary>
    /// Serves an organization: each request is made to the account that issued its key (the management account's
    /// otherwise), and AWS Organizations (JSON 1.1) answers too. <see cref="Account"/> is the management account.
    /// </summary>
    public static SimulatorEndpoint StartOrganization(SimulatedOrganization organization, SimulatorEndpointOptions? options = null) =>
        new((organization ?? throw new ArgumentNullException(nameof(organization))).Management, options ?? new SimulatorEndpointOptions(), organization);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Held (timed-out) calls end first, so stopping does not wait for them.
        _stopping.Cancel();
        _server.Dispose();
        _stopping.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > _options.MaxBodyBytes)
        {
            await WriteAsync(context, Refusal(413, "RequestEntityTooLarge", $"The request body is {request.ContentLength} bytes; at most {_options.MaxBodyBytes} are accepted.")).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value.ToArray());
        }

        SimpleHttpResponse response;
        try
        {
            response = _router.Handle(new SimpleHttpRequest
            {
                Method = request.Method,
                RawPath = question < 0 ? target : target.Substring(0, question),
                RawQuery = question < 0 ? string.Empty : target.Substring(question + 1),
                Headers = headers,
                Body = body,
            });
        }
        catch (InjectedTransportFault fault)
        {
            if (fault.Kind == FaultKind.Timeout)
            {
                await HoldAsync(context.RequestAborted).ConfigureAwait(false);
            }

            context.Abort();
            return;
        }

        await WriteAsync(context, response).ConfigureAwait(false);
    }

    /// <summary>The whole body, as announced by Content-Length or chunked (within Kestrel's MaxRequestBodySize).</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>A timed-out call: say nothing until the client gives up, the hold ends or the endpoint stops.</summary>
    private async Task HoldAsync(CancellationToken clientGone)
    {
        using var hold = CancellationTokenSource.CreateLinkedTokenSource(clientGone, _stopping.Token);
        try
        {
            await Task.Delay(_account.Faults.TimeoutHold, hold.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client or the endpoint ended the hold early.
        }
    }

    /// <summary>A request the endpoint will not read (its body is too large): an AWS-shaped error, and the connection closes after it.</summary>
    private static SimpleHttpResponse Refusal(int status, string code, string message)
    {
        var response = RequestRouter.ErrorResponse("iam", new ServiceError(code, status, message), Guid.NewGuid().ToString());
        response.Headers["Connection"] = "close";
        return response;
    }

    private static Task WriteAsync(HttpContext context, SimpleHttpResponse response)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        foreach (var header in response.Headers)
        {
            http.Headers[header.Key] = header.Value;
        }

        http.ContentType = response.ContentType;
        http.ContentLength = response.Body.Length;

        // HEAD: the headers a GET would have, no body.
        return HttpMethods.IsHead(context.Request.Method) || response.Body.Length == 0
            ? Task.CompletedTask
            : http.Body.WriteAsync(response.Body, 0, response.Body.Length, context.RequestAborted);
    }
}

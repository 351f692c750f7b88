using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using IamOps.Simulator.Http;

namespace IamOps.Simulator;

/// <summary>
/// The account served over HTTP/1.1 on 127.0.0.1 and a free port: IAM and STS Query protocol and S3's HeadBucket and
/// GetBucketLocation, SigV4-verified, so the real AWS clients can be pointed at <see cref="BaseUrl"/>. Dispose stops it.
/// </summary>
public sealed class SimulatorEndpoint : IDisposable
{
    private readonly SimulatedAccount _account;
    private readonly SimulatorEndpointOptions _options;
    private readonly TcpListener _listener;
    private readonly RequestRouter _router;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly Task _acceptLoop;
    private int _disposed;

    private SimulatorEndpoint(SimulatedAccount account, SimulatorEndpointOptions options)
    {
        _account = account;
        _options = options;
        _router = new RequestRouter(account);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 512);
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>e.g. http://127.0.0.1:49321/ — the ServiceURL for IAM, STS and (path-style) S3 clients.</summary>
    public Uri BaseUrl { get; }

    public SimulatedAccount Account => _account;

    public static SimulatorEndpoint Start(SimulatedAccount account, SimulatorEndpointOptions? options = null) =>
        new(account ?? throw new ArgumentNullException(nameof(account)), options ?? new SimulatorEndpointOptions());

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Stop();
        try
        {
            // Bounded: connections see the cancellation and close their sockets.
            Task.WaitAll(_connections.Keys.Append(_acceptLoop).ToArray(), TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Connection tasks end in cancellation or socket errors while stopping; nothing to report.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return;
            }

            if (_connections.Count >= _options.MaxConnections)
            {
                client.Dispose();
                continue;
            }

            var connection = Task.Run(() => ServeAsync(client));
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new HttpRequestReader(stream, _options);
            try
            {
                while (!_stopping.IsCancellationRequested)
                {
                    var read = await reader.ReadAsync(_stopping.Token).ConfigureAwait(false);
                    if (read.Request is null)
                    {
                        if (read.Error is not null)
                        {
                            await WriteAsync(stream, read.Error).ConfigureAwait(false);
                        }

                        return;
                    }

                    SimpleHttpResponse response;
                    try
                    {
                        response = _router.Handle(read.Request);
                    }
                    catch (InjectedTransportFault fault)
                    {
                        if (fault.Kind == FaultKind.Timeout)
                        {
                            await HoldAsync().ConfigureAwait(false);
                        }

                        return;
                    }

                    response.OmitBody |= read.Request.Method == "HEAD";
                    response.Close |= !read.Request.KeepAlive;
                    await WriteAsync(stream, response).ConfigureAwait(false);
                    if (response.Close)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away or the endpoint is stopping: the connection just ends.
            }
        }
    }

    /// <summary>A timed-out call: say nothing until the client gives up or the hold ends.</summary>
    private async Task HoldAsync()
    {
        try
        {
            await Task.Delay(_account.Faults.TimeoutHold, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping ends the hold early.
        }
    }

    private static Task WriteAsync(NetworkStream stream, SimpleHttpResponse response)
    {
        var bytes = response.Serialize();
        return stream.WriteAsync(bytes, 0, bytes.Length);
    }
}

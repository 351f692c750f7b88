using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace IamOps.TestEndpoint;

/// <summary>
/// ASP.NET Core's Kestrel on 127.0.0.1 and a free port, answering every request with one handler: the one HTTP server
/// of the tests and benchmarks. No logging, no Server header. Dispose stops it; the port then refuses connections.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);
    private readonly WebApplication _app;
    private int _disposed;

    private LoopbackServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. http://127.0.0.1:49321/</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts serving; <paramref name="limits"/> sets Kestrel's bounds (body size, header size, timeouts, connections).</summary>
    public static LoopbackServer Start(RequestDelegate handler, Action<KestrelServerLimits>? limits = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
            limits?.Invoke(kestrel.Limits);
        });
        var app = builder.Build();
        app.Run(handler);
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackServer(app, new Uri(new Uri(address), "/"));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Bounded: requests still running after the wait are aborted.
        using var stopWait = new CancellationTokenSource(StopWait);
        _app.StopAsync(stopWait.Token).GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

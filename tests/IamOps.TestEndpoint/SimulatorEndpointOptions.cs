namespace IamOps.TestEndpoint;

/// <summary>The endpoint's bounds (Kestrel limits): body size, header size, time to read the headers, idle keep-alive, concurrent connections.</summary>
public sealed record SimulatorEndpointOptions
{
    /// <summary>Larger bodies get 413 and the connection closes; IAM's largest request (a 128 KiB policy, encoded) fits.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    public int MaxHeaderBytes { get; init; } = 32 * 1024;

    /// <summary>A request's headers must arrive within this time once it has begun.</summary>
    public TimeSpan RequestReadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A kept-alive connection with no new request for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxConnections { get; init; } = 256;
}

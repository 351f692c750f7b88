namespace IamOps.Simulator.Http;

/// <summary>One parsed HTTP/1.1 request: what the endpoint needs and nothing more.</summary>
internal sealed class SimpleHttpRequest
{
    public string Method { get; init; } = "GET";

    /// <summary>The path as sent (still percent-encoded), without the query.</summary>
    public string RawPath { get; init; } = "/";

    /// <summary>The query string as sent, without '?'.</summary>
    public string RawQuery { get; init; } = string.Empty;

    /// <summary>Header names lower-cased; repeated headers joined with ','.</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; init; } = Array.Empty<byte>();

    public bool KeepAlive =>
        !(Headers.TryGetValue("connection", out var connection) && connection.IndexOf("close", StringComparison.OrdinalIgnoreCase) >= 0);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

namespace IamOps.TestEndpoint.Query;

/// <summary>
/// One request as the router needs it, taken from ASP.NET Core's: the method, path and query exactly as sent (SigV4
/// signs them so), the headers and the whole body.
/// </summary>
internal sealed class SimpleHttpRequest
{
    public string Method { get; init; } = "GET";

    /// <summary>The path as sent (still percent-encoded), without the query.</summary>
    public string RawPath { get; init; } = "/";

    /// <summary>The query string as sent, without '?'.</summary>
    public string RawQuery { get; init; } = string.Empty;

    /// <summary>Header names compared without case; repeated headers joined with ','.</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; init; } = Array.Empty<byte>();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

using System.Text;

namespace IamOps.TestEndpoint.Query;

/// <summary>A response for the endpoint to write: status, headers and body (text/xml unless said otherwise).</summary>
internal sealed class SimpleHttpResponse
{
    public SimpleHttpResponse(int status, string? body = null, string contentType = "text/xml")
    {
        Status = status;
        Body = body is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(body);
        ContentType = body is null ? null : contentType;
    }

    public int Status { get; }

    public byte[] Body { get; }

    public string? ContentType { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
}

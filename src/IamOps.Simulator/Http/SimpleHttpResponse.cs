using System.Globalization;
using System.Text;

namespace IamOps.Simulator.Http;

/// <summary>A response to write: status, headers and body.</summary>
internal sealed class SimpleHttpResponse
{
    public SimpleHttpResponse(int status, string? body = null, string contentType = "text/xml")
    {
        Status = status;
        Body = body is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(body);
        if (body is not null)
        {
            Headers["Content-Type"] = contentType;
        }
    }

    public int Status { get; }

    public byte[] Body { get; set; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>For HEAD: the headers a GET would have, no body.</summary>
    public bool OmitBody { get; set; }

    /// <summary>Close the connection after this response (an unreadable request, an oversize body).</summary>
    public bool Close { get; set; }

    public byte[] Serialize()
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(Status)).Append("\r\n");
        foreach (var header in Headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("Date: ").Append(DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        if (Close)
        {
            head.Append("Connection: close\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        if (OmitBody)
        {
            return headBytes;
        }

        var all = new byte[headBytes.Length + Body.Length];
        Buffer.BlockCopy(headBytes, 0, all, 0, headBytes.Length);
        Buffer.BlockCopy(Body, 0, all, headBytes.Length, Body.Length);
        return all;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        413 => "Request Entity Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Status",
    };
}

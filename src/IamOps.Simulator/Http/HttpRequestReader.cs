using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace IamOps.Simulator.Http;

/// <summary>
/// Reads HTTP/1.1 requests off a kept-alive connection, within the endpoint's bounds. What cannot be read becomes an
/// AWS-shaped error response and the end of the connection, never an exception out of the endpoint.
/// </summary>
internal sealed class HttpRequestReader
{
    private readonly NetworkStream _stream;
    private readonly SimulatorEndpointOptions _options;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public HttpRequestReader(NetworkStream stream, SimulatorEndpointOptions options)
    {
        _stream = stream;
        _options = options;
    }

    /// <summary>The next request; Request null means the connection ends (with Error to send first, if any).</summary>
    public async Task<(SimpleHttpRequest? Request, SimpleHttpResponse? Error)> ReadAsync(CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.IdleTimeout);
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd()) < 0)
        {
            if (_end - _start >= _options.MaxHeaderBytes)
            {
                return (null, Failure(431, "RequestHeaderSectionTooLarge", "Your request header section exceeds the maximum allowed size."));
            }

            if (!await FillAsync(timeout.Token).ConfigureAwait(false))
            {
                return (null, null);
            }

            // Once a request has begun it must finish within the read timeout, not the idle one.
            timeout.CancelAfter(_options.RequestReadTimeout);
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
        _start = headerEnd + 4;
        var lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return (null, Failure(400, "MalformedHttpRequest", "The request line is not HTTP/1.1."));
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return (null, Failure(400, "MalformedHttpRequest", "A header line has no name."));
            }

            var name = line.Substring(0, colon).Trim();
            var value = line.Substring(colon + 1).Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + "," + value : value;
        }

        if (headers.ContainsKey("transfer-encoding"))
        {
            return (null, Failure(411, "MissingContentLength", "You must provide the Content-Length HTTP header."));
        }

        var length = 0L;
        if (headers.TryGetValue("content-length", out var lengthText) && (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out length) || length < 0))
        {
            return (null, Failure(400, "MalformedHttpRequest", "Content-Length is not a number."));
        }

        if (length > _options.MaxBodyBytes)
        {
            return (null, Failure(413, "RequestEntityTooLarge", $"The request body is {length} bytes; at most {_options.MaxBodyBytes} are accepted."));
        }

        if (headers.TryGetValue("expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            var go = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");
            await _stream.WriteAsync(go, 0, go.Length, timeout.Token).ConfigureAwait(false);
        }

        while (_end - _start < length)
        {
            if (!await FillAsync(timeout.Token).ConfigureAwait(false))
            {
                return (null, null);
            }
        }

        var body = new byte[length];
        Buffer.BlockCopy(_buffer, _start, body, 0, (int)length);
        _start += (int)length;
        var target = requestLine[1];
        var question = target.IndexOf('?');
        return (new SimpleHttpRequest
        {
            Method = requestLine[0],
            RawPath = question < 0 ? target : target.Substring(0, question),
            RawQuery = question < 0 ? string.Empty : target.Substring(question + 1),
            Headers = headers,
            Body = body,
        }, null);
    }

    private static SimpleHttpResponse Failure(int status, string code, string message)
    {
        var response = RequestRouter.ErrorResponse("iam", new ServiceError(code, status, message), Guid.NewGuid().ToString());
        response.Close = true;
        return response;
    }

    private int IndexOfHeaderEnd()
    {
        for (var i = _start; i + 3 < _end; i++)
        {
            if (_buffer[i] == '\r' && _buffer[i + 1] == '\n' && _buffer[i + 2] == '\r' && _buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reads more bytes; false when the peer closed the connection or the time ran out.</summary>
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _options.MaxBodyBytes + _options.MaxHeaderBytes + 4));
        }

        int read;
        try
        {
            // Cancellation closes the socket, which ends a pending read on every platform.
            using (cancellationToken.Register(() => _stream.Dispose()))
            {
                read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            return false;
        }

        _end += read;
        return read > 0;
    }
}

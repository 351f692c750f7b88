using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace IamOps.Aws;

/// <summary>
/// Reads IAM's XML answers for the SDK pipeline: success documents into <see cref="IamQueryResult"/>, and
/// <c>&lt;ErrorResponse&gt;</c> documents into an <see cref="AmazonServiceException"/> whose code, request id and HTTP
/// status drive the SDK's retry decisions and our <see cref="AwsErrorTranslator"/>.
/// </summary>
internal sealed class IamQueryUnmarshaller : XmlResponseUnmarshaller
{
    public static readonly IamQueryUnmarshaller Instance = new();

    // Error bodies are small; a proxy's HTML page need not be read whole to say what it was.
    private const int MaxErrorBodyChars = 64 * 1024;

    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context)
    {
        var result = IamQueryResult.Read(context.Stream);
        return new IamQueryResponse
        {
            Result = result,
            ResponseMetadata = new ResponseMetadata { RequestId = result.RequestId },
        };
    }

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var body = ReadBody(context.Stream);
        var headerRequestId = context.ResponseData?.GetHeaderValue("x-amzn-RequestId");
        if (TryReadError(body, out var type, out var code, out var message, out var requestId))
        {
            return new AmazonServiceException(message ?? code, innerException, type, code, requestId ?? headerRequestId, statusCode);
        }

        var shown = body.Length > 200 ? body.Substring(0, 200) + "..." : body;
        var description = body.Length == 0
            ? $"The endpoint answered HTTP {(int)statusCode} with an empty body, not an AWS error response."
            : $"The endpoint answered HTTP {(int)statusCode} with a body that is not an AWS error response: {shown.Replace('\n', ' ').Replace('\r', ' ')}";
        return new AmazonServiceException(description, innerException, ErrorType.Unknown, null, headerRequestId, statusCode);
    }

    private static string ReadBody(Stream? stream)
    {
        if (stream is null)
        {
            return string.Empty;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[MaxErrorBodyChars];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read).Trim();
    }

    private static bool TryReadError(string body, out ErrorType type, out string code, out string? message, out string? requestId)
    {
        type = ErrorType.Unknown;
        code = string.Empty;
        message = null;
        requestId = null;
        if (body.Length == 0 || body[0] != '<')
        {
            return false;
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(body), IamQueryResult.ReaderSettings);
            var document = XDocument.Load(reader);
            var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var codeText = Child(error, "Code");
            if (string.IsNullOrEmpty(codeText))
            {
                return false;
            }

            code = codeText!;
            message = Child(error, "Message");
            type = Child(error, "Type") switch
            {
                "Sender" => ErrorType.Sender,
                "Receiver" => ErrorType.Receiver,
                _ => ErrorType.Unknown,
            };
            requestId = document.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static string? Child(XElement? parent, string name) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}

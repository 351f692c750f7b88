using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace IamOps.Aws;

/// <summary>
/// Reads Organizations' JSON answers for the SDK pipeline: success bodies as a JSON document, and error bodies
/// (<c>{"__type": "...", "Message": "..."}</c>, or the x-amzn-ErrorType header) through AWSSDK.Core's own JSON error
/// reader into an <see cref="AmazonServiceException"/>, whose code and status drive the SDK's retries (throttling:
/// TooManyRequestsException) and our <see cref="AwsErrorTranslator"/>.
/// </summary>
internal sealed class OrganizationsJsonUnmarshaller : JsonResponseUnmarshaller
{
    public static readonly OrganizationsJsonUnmarshaller Instance = new();

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        using var buffer = new MemoryStream();
        context.Stream?.CopyTo(buffer);
        var body = buffer.ToArray();
        JsonElement document;
        if (body.Length == 0)
        {
            using var empty = JsonDocument.Parse("{}");
            document = empty.RootElement.Clone();
        }
        else
        {
            using var parsed = JsonDocument.Parse(body, Options);
            document = parsed.RootElement.Clone();
        }

        return new OrganizationsJsonResponse
        {
            Document = document,
            ResponseMetadata = new ResponseMetadata { RequestId = context.ResponseData?.GetHeaderValue("x-amzn-RequestId") },
        };
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var headerRequestId = context.ResponseData?.GetHeaderValue("x-amzn-RequestId");
        try
        {
            var reader = new StreamingUtf8JsonReader(context.Stream);
            var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            if (!string.IsNullOrEmpty(error.Code))
            {
                return new AmazonServiceException(error.Message ?? error.Code, innerException, error.Type, error.Code, error.RequestId ?? headerRequestId, statusCode);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Not AWS's JSON: described below, as for IAM.
        }

        return new AmazonServiceException($"The endpoint answered HTTP {(int)statusCode} with a body that is not an AWS JSON error response.", innerException, ErrorType.Unknown, null, headerRequestId, statusCode);
    }
}

using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace IamOps.Aws;

/// <summary>Turns an <see cref="OrganizationsJsonRequest"/> into the AWS JSON 1.1 POST: X-Amz-Target names the operation, the body holds its members.</summary>
internal sealed class OrganizationsJsonMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly OrganizationsJsonMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (OrganizationsJsonRequest)input;
        var request = new DefaultRequest(call, "Organizations")
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = JsonSerializer.SerializeToUtf8Bytes(call.Members),
        };
        request.Headers["X-Amz-Target"] = OrganizationsConfig.TargetPrefix + call.Operation;
        request.Headers["Content-Type"] = "application/x-amz-json-1.1";
        return request;
    }
}

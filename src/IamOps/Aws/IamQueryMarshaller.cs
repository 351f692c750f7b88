using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace IamOps.Aws;

/// <summary>Turns an <see cref="IamQueryRequest"/> into the form-encoded POST the Query protocol expects.</summary>
internal sealed class IamQueryMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly IamQueryMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var query = (IamQueryRequest)input;
        var request = new DefaultRequest(query, "IAM")
        {
            HttpMethod = "POST",
            ResourcePath = "/",
        };
        request.Parameters["Action"] = query.Action;
        request.Parameters["Version"] = IamQueryConfig.ApiVersion;
        foreach (var parameter in query.Parameters)
        {
            request.Parameters[parameter.Key] = parameter.Value;
        }

        return request;
    }
}

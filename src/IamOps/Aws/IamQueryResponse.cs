using Amazon.Runtime;

namespace IamOps.Aws;

/// <summary>What the SDK pipeline hands back for every IAM call: the parsed result.</summary>
internal sealed class IamQueryResponse : AmazonWebServiceResponse
{
    /// <summary>Set by <see cref="IamQueryUnmarshaller"/>; the SDK needs a parameterless constructor.</summary>
    public IamQueryResult Result { get; set; } = new();
}

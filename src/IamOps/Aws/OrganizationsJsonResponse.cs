using System.Text.Json;
using Amazon.Runtime;

namespace IamOps.Aws;

/// <summary>What the SDK pipeline hands back for every Organizations call: the JSON document of the answer.</summary>
internal sealed class OrganizationsJsonResponse : AmazonWebServiceResponse
{
    /// <summary>Set by <see cref="OrganizationsJsonUnmarshaller"/>; an empty object for an empty body.</summary>
    public JsonElement Document { get; set; }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using IamOps.Connection;

namespace IamOps.Aws;

/// <summary>
/// <see cref="IOrganizations"/> over the AWS JSON 1.1 protocol on AWSSDK.Core's pipeline (AWSSDK.Organizations is not
/// used): the SDK's credentials, SigV4 signing as "organizations", retries (throttling included), timeouts and endpoint
/// overrides; our marshalling and System.Text.Json reading. One instance per connection, shared by every call.
/// </summary>
internal sealed class OrganizationsJsonClient : AmazonServiceClient, IOrganizations
{
    /// <summary>Organizations' largest page (MaxResults 1 to 20).</summary>
    internal const int PageSize = 20;

    private static readonly InvokeOptions Options = new()
    {
        RequestMarshaller = OrganizationsJsonMarshaller.Instance,
        ResponseUnmarshaller = OrganizationsJsonUnmarshaller.Instance,
    };

    public OrganizationsJsonClient(AWSCredentials credentials, OrganizationsConfig config)
        : base(credentials, config)
    {
    }

    /// <summary>The client for a resolved connection: its credentials, its region's partition, its -EndpointUrl.</summary>
    public static OrganizationsJsonClient For(ResolvedConnection connection) =>
        GlobalServiceConfig.CreateClient<OrganizationsConfig, OrganizationsJsonClient>(connection, "organizations", (credentials, config) => new OrganizationsJsonClient(credentials, config));

    public Task<OrganizationDescription> DescribeOrganizationAsync(CancellationToken cancellationToken) =>
        CallAsync(new OrganizationsJsonRequest("DescribeOrganization"), null, d => ReadOrganization(d.GetProperty("Organization")), cancellationToken);

    public IAsyncEnumerable<OrganizationsAccount> ListAccountsAsync(CancellationToken cancellationToken) =>
        PagesAsync(new OrganizationsJsonRequest("ListAccounts"), "Accounts", ReadAccount, null, cancellationToken);

    public IAsyncEnumerable<OrganizationsAccount> ListAccountsForParentAsync(string parentId, CancellationToken cancellationToken) =>
        PagesAsync(new OrganizationsJsonRequest("ListAccountsForParent").Add("ParentId", parentId), "Accounts", ReadAccount, parentId, cancellationToken);

    public IAsyncEnumerable<OrganizationRoot> ListRootsAsync(CancellationToken cancellationToken) =>
        PagesAsync(new OrganizationsJsonRequest("ListRoots"), "Roots", e => new OrganizationRoot(Text(e, "Id"), Text(e, "Arn"), Text(e, "Name")), null, cancellationToken);

    public IAsyncEnumerable<OrganizationalUnit> ListOrganizationalUnitsForParentAsync(string parentId, CancellationToken cancellationToken) =>
        PagesAsync(new OrganizationsJsonRequest("ListOrganizationalUnitsForParent").Add("ParentId", parentId), "OrganizationalUnits", ReadUnit, parentId, cancellationToken);

    public IAsyncEnumerable<OrganizationParent> ListParentsAsync(string childId, CancellationToken cancellationToken) =>
        PagesAsync(new OrganizationsJsonRequest("ListParents").Add("ChildId", childId), "Parents", e => new OrganizationParent(Text(e, "Id"), Text(e, "Type")), childId, cancellationToken);

    public Task<OrganizationalUnit> DescribeOrganizationalUnitAsync(string organizationalUnitId, CancellationToken cancellationToken) =>
        CallAsync(new OrganizationsJsonRequest("DescribeOrganizationalUnit").Add("OrganizationalUnitId", organizationalUnitId), organizationalUnitId, d => ReadUnit(d.GetProperty("OrganizationalUnit")), cancellationToken);

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline) =>
        pipeline.AddHandlerAfter<Marshaller>(new IamAuthResolverHandler());

    private static OrganizationDescription ReadOrganization(JsonElement e) => new()
    {
        Id = Text(e, "Id"),
        Arn = Text(e, "Arn"),
        FeatureSet = Text(e, "FeatureSet"),
        ManagementAccountId = Text(e, "MasterAccountId"),
        ManagementAccountArn = Text(e, "MasterAccountArn"),
        ManagementAccountEmail = Text(e, "MasterAccountEmail"),
    };

    private static OrganizationsAccount ReadAccount(JsonElement e) => new()
    {
        Id = Text(e, "Id"),
        Arn = Text(e, "Arn"),
        Name = Text(e, "Name"),
        Email = Text(e, "Email"),
        Status = Text(e, "Status"),
        JoinedMethod = Text(e, "JoinedMethod"),
        JoinedTimestamp = Timestamp(e, "JoinedTimestamp"),
    };

    private static OrganizationalUnit ReadUnit(JsonElement e) => new(Text(e, "Id"), Text(e, "Arn"), Text(e, "Name"));

    private static string Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    /// <summary>JSON 1.1 timestamps are epoch seconds, possibly fractional.</summary>
    private static DateTime Timestamp(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value.GetDouble() * 1000)).UtcDateTime
            : default;

    // The one path every call takes: SDK pipeline, then mapping, with every failure as an IamOpsException.

    private async Task<T> CallAsync<T>(OrganizationsJsonRequest request, string? resource, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        var document = await SendAsync(request, resource, cancellationToken).ConfigureAwait(false);
        return Map(request, resource, () => map(document));
    }

    private async Task<JsonElement> SendAsync(OrganizationsJsonRequest request, string? resource, CancellationToken cancellationToken)
    {
        try
        {
            var response = await InvokeAsync<OrganizationsJsonResponse>(request, Options, cancellationToken).ConfigureAwait(false);
            return response.Document;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw AwsErrorTranslator.Translate(ex is JsonException ? new FormatException(ex.Message, ex) : ex, "organizations:" + request.Operation, resource);
        }
    }

    private static T Map<T>(OrganizationsJsonRequest request, string? resource, Func<T> map)
    {
        try
        {
            return map();
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new IamOpsException("AwsResponseUnreadable", FailureKind.InvalidData,
                $"organizations:{request.Operation} got an answer that is not a valid AWS response: {ex.Message} Check that -EndpointUrl/AWS_ENDPOINT_URL points at AWS Organizations.", resource, ex);
        }
    }

    /// <summary>Follows NextToken to the end; a token that does not advance is a broken endpoint, not a reason to loop.</summary>
    private async IAsyncEnumerable<T> PagesAsync<T>(
        OrganizationsJsonRequest request, string listName, Func<JsonElement, T> map, string? resource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await SendAsync(request.WithNextToken(token).Add("MaxResults", PageSize), resource, cancellationToken).ConfigureAwait(false);
            var items = Map(request, resource, () => page.GetProperty(listName).EnumerateArray().Select(map).ToList());
            foreach (var item in items)
            {
                yield return item;
            }

            token = page.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                yield break;
            }

            if (!seen.Add(token!))
            {
                throw new IamOpsException("AwsPagingBroken", FailureKind.InvalidData,
                    $"organizations:{request.Operation} returned the same NextToken twice. Check that -EndpointUrl/AWS_ENDPOINT_URL points at AWS Organizations.", resource);
            }
        }
    }
}

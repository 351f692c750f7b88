using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using IamOps.Connection;

namespace IamOps.Aws;

/// <summary>
/// <see cref="IIam"/> over IAM's Query API on AWSSDK.Core's pipeline: the SDK's credentials, SigV4 signing, retries
/// (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS), timeouts, endpoint overrides and pooled connections; our marshalling and XML
/// parsing. One instance per connection, shared by every call.
/// </summary>
internal sealed partial class IamQueryClient : AmazonServiceClient, IIam
{
    /// <summary>Items per page: IAM's maximum, so long lists cost fewer calls (and fewer throttling tokens).</summary>
    internal const int PageSize = 1000;

    private static readonly InvokeOptions Options = new()
    {
        RequestMarshaller = IamQueryMarshaller.Instance,
        ResponseUnmarshaller = IamQueryUnmarshaller.Instance,
    };

    public IamQueryClient(AWSCredentials credentials, IamQueryConfig config)
        : base(credentials, config)
    {
    }

    /// <summary>The client for a resolved connection: its credentials, its region's partition, its -EndpointUrl.</summary>
    public static IamQueryClient For(ResolvedConnection connection) =>
        GlobalServiceConfig.CreateClient<IamQueryConfig, IamQueryClient>(connection, "iam", (credentials, config) => new IamQueryClient(credentials, config));

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.AddHandlerAfter<Marshaller>(new IamAuthResolverHandler());
        var retries = pipeline.Handlers.OfType<RetryHandler>().FirstOrDefault();
        if (retries is not null)
        {
            pipeline.ReplaceHandler<RetryHandler>(new OneShotRetryHandler(retries.RetryPolicy));
        }
    }

    // The one path every call takes: SDK pipeline, then mapping, with every failure as an IamOpsException.

    private Task CallAsync(IamQueryRequest request, string? resource, CancellationToken cancellationToken) =>
        CallAsync(request, resource, _ => true, cancellationToken);

    private async Task<T> CallAsync<T>(IamQueryRequest request, string? resource, Func<IamQueryResult, T> map, CancellationToken cancellationToken)
    {
        var result = await SendAsync(request, resource, cancellationToken).ConfigureAwait(false);
        return await MapAsync(request, resource, () => map(result)).ConfigureAwait(false);
    }

    private async Task<IamQueryResult> SendAsync(IamQueryRequest request, string? resource, CancellationToken cancellationToken)
    {
        try
        {
            var response = await InvokeAsync<IamQueryResponse>(request, Options, cancellationToken).ConfigureAwait(false);
            return response.Result;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw AwsErrorTranslator.Translate(ex, "iam:" + request.Action, resource);
        }
    }

    private static Task<T> MapAsync<T>(IamQueryRequest request, string? resource, Func<T> map)
    {
        try
        {
            return Task.FromResult(map());
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or FormatException or InvalidOperationException)
        {
            throw AwsErrorTranslator.Translate(ex, "iam:" + request.Action, resource);
        }
    }

    private async IAsyncEnumerable<T> PagesAsync<T>(
        IamQueryRequest request, string listName, Func<System.Xml.Linq.XElement, T> map, string? resource,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in RawPagesAsync(request, PageSize, resource, cancellationToken).ConfigureAwait(false))
        {
            var items = await MapAsync(request, resource, () => page.List(listName).Select(map).ToList()).ConfigureAwait(false);
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    /// <summary>Follows Marker while IsTruncated; a marker that does not advance is a broken endpoint, not a reason to loop.</summary>
    private async IAsyncEnumerable<IamQueryResult> RawPagesAsync(
        IamQueryRequest request, int? pageSize, string? resource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? marker = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var pageRequest = request.WithMarker(marker).Add("MaxItems", pageSize);
            var page = await SendAsync(pageRequest, resource, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!page.IsTruncated)
            {
                yield break;
            }

            marker = page.Marker;
            if (string.IsNullOrEmpty(marker) || !seen.Add(marker!))
            {
                throw new IamOpsException("AwsPagingBroken", FailureKind.InvalidData,
                    $"iam:{request.Action} returned a truncated page without a new Marker (request id {page.RequestId ?? "none"}). Check that -EndpointUrl/AWS_ENDPOINT_URL points at IAM.",
                    resource);
            }
        }
    }
}

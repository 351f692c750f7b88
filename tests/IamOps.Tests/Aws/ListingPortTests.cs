using IamOps.Aws;

namespace IamOps.Tests.Aws;

/// <summary>The listings behind Tab completion on the AWS adapters: IAM ListGroups and S3 ListBuckets, against a local endpoint.</summary>
public sealed class ListingPortTests
{
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static CannedResponse Buckets(string members, string? continuationToken) => new(200,
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListAllMyBucketsResult xmlns=\"{S3Namespace}\"><Buckets>{members}</Buckets><Owner><ID>abc</ID></Owner>"
        + (continuationToken is null ? string.Empty : $"<ContinuationToken>{continuationToken}</ContinuationToken>") + "</ListAllMyBucketsResult>",
        "application/xml");

    [Fact]
    public async Task ListGroups_sends_the_path_prefix_and_reads_each_group()
    {
        var (groups, request) = await IamExchange.ListAsync(
            IamResponses.Ok("ListGroups", "<Groups><member><Path>/eng/</Path><GroupName>developers</GroupName><GroupId>AGPA1</GroupId><Arn>arn:aws:iam::123456789012:group/eng/developers</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></Groups><IsTruncated>false</IsTruncated>"),
            client => client.ListGroupsAsync("/eng/", CancellationToken.None));

        Assert.Equal(("ListGroups", "/eng/", "1000"), (request.Action, request.Form["PathPrefix"], request.Form["MaxItems"]));
        var group = Assert.Single(groups);
        Assert.Equal(("developers", "arn:aws:iam::123456789012:group/eng/developers"), (group.GroupName, group.Arn));
    }

    [Fact]
    public async Task ListBuckets_follows_the_continuation_token_and_reads_name_region_and_date()
    {
        using var server = new LocalHttpServer((_, number) => number == 1
            ? Buckets("<Bucket><Name>alpha</Name><CreationDate>2024-05-01T10:20:30.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion></Bucket>", "next-page")
            : Buckets("<Bucket><Name>beta</Name><CreationDate>2023-01-01T00:00:00.000Z</CreationDate></Bucket>", null));
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        var buckets = await IamExchange.CollectAsync(s3.ListBucketsAsync(CancellationToken.None));

        Assert.Equal(new[] { "alpha", "beta" }, buckets.Select(b => b.BucketName));
        Assert.Equal(("eu-west-1", (string?)null), (buckets[0].Region, buckets[1].Region));
        Assert.Equal(new DateTime(2024, 5, 1, 10, 20, 30, DateTimeKind.Utc), buckets[0].CreationDate!.Value.ToUniversalTime());
        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("GET", r.Method));
        Assert.Contains("max-buckets=1000", requests[0].Path, StringComparison.Ordinal);
        Assert.DoesNotContain("continuation-token", requests[0].Path, StringComparison.Ordinal);
        Assert.Contains("continuation-token=next-page", requests[1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBuckets_of_an_account_without_buckets_is_empty()
    {
        using var server = new LocalHttpServer((_, _) => Buckets(string.Empty, null));
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        Assert.Empty(await IamExchange.CollectAsync(s3.ListBucketsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task ListBuckets_denied_is_permission_denied_naming_the_action()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(403,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>r1</RequestId></Error>", "application/xml"));
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.CollectAsync(s3.ListBucketsAsync(CancellationToken.None)));

        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Contains("s3:ListAllMyBuckets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBuckets_with_a_token_that_does_not_advance_fails_instead_of_looping()
    {
        using var server = new LocalHttpServer((_, _) => Buckets("<Bucket><Name>alpha</Name></Bucket>", "same"));
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.CollectAsync(s3.ListBucketsAsync(CancellationToken.None)));

        Assert.Equal("AwsPagingBroken", error.ErrorId);
        Assert.Equal(2, server.Requests.Count);
    }
}

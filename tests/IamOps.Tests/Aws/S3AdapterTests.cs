using IamOps.Aws;

namespace IamOps.Tests.Aws;

/// <summary>The S3 adapter against a local endpoint: bucket existence and region discovery.</summary>
public sealed class S3AdapterTests
{
    private static CannedResponse Location(string constraint) => new(200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + (constraint.Length == 0
            ? "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"
            : $"<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">{constraint}</LocationConstraint>"),
        "application/xml");

    [Theory]
    [InlineData("", "us-east-1")]
    [InlineData("EU", "eu-west-1")]
    [InlineData("ap-southeast-2", "ap-southeast-2")]
    public async Task GetBucketLocation_normalizes_the_location_constraint(string constraint, string region)
    {
        using var server = new LocalHttpServer((_, _) => Location(constraint));
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        var location = await s3.GetBucketLocationAsync("logs", CancellationToken.None);

        Assert.Equal(new BucketLocation("logs", region), location);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.StartsWith("/logs", request.Path, StringComparison.Ordinal);
        Assert.Contains("location", request.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadBucket_reads_the_region_header()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(200, string.Empty, "application/xml") { Headers = { ["x-amz-bucket-region"] = "eu-central-1" } });
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        var location = await s3.HeadBucketAsync("logs", CancellationToken.None);

        Assert.Equal(new BucketLocation("logs", "eu-central-1"), location);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("HEAD", "/logs"), (request.Method, request.Path.TrimEnd('/')));
    }

    [Fact]
    public async Task HeadBucket_without_a_region_header_asks_for_the_location()
    {
        using var server = new LocalHttpServer((request, _) => request.Method == "HEAD" ? new CannedResponse(200, string.Empty) : Location("EU"));
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        var location = await s3.HeadBucketAsync("logs", CancellationToken.None);

        Assert.Equal("eu-west-1", location.Region);
        Assert.Equal(new[] { "HEAD", "GET" }, server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task HeadBucket_of_a_missing_bucket_is_object_not_found()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(404, string.Empty));
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => s3.HeadBucketAsync("nope", CancellationToken.None));

        Assert.Equal(FailureKind.ObjectNotFound, error.Kind);
        Assert.Equal(404, error.HttpStatus);
    }

    [Fact]
    public async Task HeadBucket_of_a_forbidden_bucket_is_permission_denied()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(403, string.Empty));
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => s3.HeadBucketAsync("theirs", CancellationToken.None));

        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Contains("arn:aws:s3:::theirs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBucketLocation_of_a_missing_bucket_is_object_not_found()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(404,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>nope</BucketName><RequestId>R1</RequestId><HostId>H1</HostId></Error>",
            "application/xml"));
        using var s3 = new S3Adapter(AdapterConnections.For(server.Url));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => s3.GetBucketLocationAsync("nope", CancellationToken.None));

        Assert.Equal(FailureKind.ObjectNotFound, error.Kind);
        Assert.Equal("NoSuchBucket", error.AwsErrorCode);
        Assert.Equal("R1", error.RequestId);
    }
}

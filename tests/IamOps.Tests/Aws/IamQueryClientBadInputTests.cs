using IamOps.Aws;
using IamOps.Connection;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>Endpoints that are wrong, broken or silent: each ends in a clear IamOpsException, in bounded time.</summary>
public sealed class IamQueryClientBadInputTests
{
    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://iam.example.com")]
    [InlineData("http://")]
    public void A_malformed_endpoint_url_is_refused_before_any_call(string endpoint)
    {
        var resolver = new ConnectionResolver(_ => null);

        var error = Assert.Throws<IamOpsException>(() => resolver.Resolve(new ConnectionParameters { EndpointUrl = endpoint, AccessKey = "AKIDEXAMPLE", SecretKey = "secret", Region = "us-east-1" }));

        Assert.Equal("EndpointUrlInvalid", error.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task An_html_page_with_status_200_is_an_unreadable_response()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(200, "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>", "text/html"));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal("AwsResponseUnreadable", error.ErrorId);
        Assert.Equal(FailureKind.InvalidData, error.Kind);
        Assert.Contains("AWS_ENDPOINT_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_html_error_page_is_reported_with_its_status_and_a_piece_of_the_body()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(404, "<html><body>Not Found</body></html>", "text/html"));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal("AwsResponseUnreadable", error.ErrorId);
        Assert.Equal(404, error.HttpStatus);
        Assert.Contains("Not Found", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_bad_gateway_html_page_is_retried_then_unavailable()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(502, "<html><body>502 Bad Gateway</body></html>", "text/html"));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal(FailureKind.ResourceUnavailable, error.Kind);
        Assert.Equal(502, error.HttpStatus);
        Assert.Equal(3, server.RequestCount);
    }

    [Theory]
    [InlineData("<GetUserResponse><GetUserResult><User><UserName>alice</User></GetUserResult></GetUserResponse>")]
    [InlineData("\u0001\u0002 garbage }{")]
    [InlineData("{\"User\":{\"UserName\":\"alice\"}}")]
    public async Task Garbage_with_status_200_is_an_unreadable_response(string body)
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(200, body));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal("AwsResponseUnreadable", error.ErrorId);
        Assert.Equal(FailureKind.InvalidData, error.Kind);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_an_unreadable_response()
    {
        using var server = new LocalHttpServer((_, _) => Ok("GetUser", User("alice").Replace("2013-04-18T23:01:45Z", "yesterday", StringComparison.Ordinal)));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal("AwsResponseUnreadable", error.ErrorId);
        Assert.Contains("CreateDate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_error()
    {
        var closedPort = LocalHttpServer.FreePort();
        using var client = IamTestClients.For(new Uri($"http://127.0.0.1:{closedPort}/"));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal("AwsConnectionFailed", error.ErrorId);
        Assert.Equal(FailureKind.ConnectionError, error.Kind);
        Assert.Contains("-EndpointUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_cut_off_half_way_is_retried_then_a_connection_error()
    {
        var body = Ok("GetUser", User("alice")).Body;
        using var server = new LocalHttpServer((_, _) => new CannedResponse(200, body) { CutAfterBytes = body.Length / 2 });
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal(FailureKind.ConnectionError, error.Kind);
        // Retried (a dropped response may be a stale pooled connection), yet bounded by the SDK's retry settings.
        using var probe = IamTestClients.For(server);
        Assert.InRange(server.RequestCount, 2, 3 + probe.Config.MaxStaleConnectionRetries);
    }

    [Fact]
    public async Task A_silent_endpoint_times_out_instead_of_hanging()
    {
        using var server = new LocalHttpServer((_, _) => Ok("GetUser", User("alice")) with { Delay = Timeout.InfiniteTimeSpan });
        using var client = IamTestClients.For(server, config =>
        {
            config.Timeout = TimeSpan.FromMilliseconds(500);
            config.MaxErrorRetry = 0;
        });

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal(FailureKind.OperationTimeout, error.Kind);
        Assert.Equal("AwsTimeout", error.ErrorId);
    }
}

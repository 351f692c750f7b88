using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using IamOps.Aws;

namespace IamOps.Tests.Aws;

/// <summary>Our AWS Organizations client (JSON 1.1 on AWSSDK.Core) against a local server answering in the documented shapes.</summary>
public sealed class OrganizationsJsonClientTests
{
    private const string Json = "application/x-amz-json-1.1";
    private static readonly CancellationToken None = CancellationToken.None;

    static OrganizationsJsonClientTests() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

    private static OrganizationsJsonClient ClientFor(LocalHttpServer server) => new(IamTestClients.Keys, new OrganizationsConfig
    {
        ServiceURL = server.Url.ToString(),
        RetryMode = RequestRetryMode.Standard,
        MaxErrorRetry = 2,
        Timeout = TimeSpan.FromSeconds(5),
    });

    private static CannedResponse Ok(string body) => new(200, body, Json) { Headers = { ["x-amzn-RequestId"] = "req-ok" } };

    private static CannedResponse Error(int status, string type, string message) =>
        new(status, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["Message"] = message }), Json) { Headers = { ["x-amzn-RequestId"] = "req-err-1" } };

    private static string Account(int i) =>
        $$"""{"Id":"1000000000{{i:00}}","Arn":"arn:aws:organizations::111122223333:account/o-abcdefghij/1000000000{{i:00}}","Email":"a{{i}}@example.com","Name":"account {{i}}","Status":"ACTIVE","JoinedMethod":"CREATED","JoinedTimestamp":1.7040672E9}""";

    /// <summary>ListAccounts in pages of the given sizes, chaining tokens t1, t2, ...</summary>
    private static CannedResponse AccountPage(RecordedRequest request, int[] sizes)
    {
        using var body = JsonDocument.Parse(request.Body);
        var page = body.RootElement.TryGetProperty("NextToken", out var token) ? int.Parse(token.GetString()!.Substring(1), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var first = sizes.Take(page).Sum();
        var accounts = string.Join(",", Enumerable.Range(first, sizes[page]).Select(Account));
        var next = page < sizes.Length - 1 ? $",\"NextToken\":\"t{page + 1}\"" : string.Empty;
        return Ok($"{{\"Accounts\":[{accounts}]{next}}}");
    }

    [Fact]
    public async Task ListAccounts_follows_NextToken_across_pages_including_an_empty_one_and_reads_the_documented_shape()
    {
        using var server = new LocalHttpServer((request, _) => AccountPage(request, new[] { 2, 0, 3 }));
        using var client = ClientFor(server);

        var accounts = await IamExchange.CollectAsync(client.ListAccountsAsync(None));

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"1000000000{i:00}"), accounts.Select(a => a.Id));
        Assert.Equal("account 3", accounts[3].Name);
        Assert.Equal("a3@example.com", accounts[3].Email);
        Assert.Equal("ACTIVE", accounts[3].Status);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), accounts[3].JoinedTimestamp);
        Assert.Equal(DateTimeKind.Utc, accounts[3].JoinedTimestamp.Kind);
        var requests = server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("AWSOrganizationsV20161128.ListAccounts", r.Headers["X-Amz-Target"]);
            Assert.StartsWith(Json, r.Headers["Content-Type"], StringComparison.Ordinal);
            Assert.Contains("/us-east-1/organizations/aws4_request", r.Headers["Authorization"], StringComparison.Ordinal);
            Assert.Equal(20, JsonDocument.Parse(r.Body).RootElement.GetProperty("MaxResults").GetInt32());
        });
        Assert.False(JsonDocument.Parse(requests[0].Body).RootElement.TryGetProperty("NextToken", out _));
        Assert.Equal(new[] { "t1", "t2" }, requests.Skip(1).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("NextToken").GetString()));
    }

    [Fact]
    public async Task A_TooManyRequestsException_is_retried_by_the_sdk_and_the_call_succeeds()
    {
        using var server = new LocalHttpServer((_, number) => number == 1
            ? Error(400, "TooManyRequestsException", "AWS Organizations can't complete your request because of too many requests.")
            : Ok("""{"Roots":[{"Id":"r-ab12","Arn":"arn:aws:organizations::111122223333:root/o-abcdefghij/r-ab12","Name":"Root","PolicyTypes":[]}]}"""));
        using var client = ClientFor(server);

        var roots = await IamExchange.CollectAsync(client.ListRootsAsync(None));

        Assert.Equal("r-ab12", Assert.Single(roots).Id);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Throttling_beyond_the_retries_fails_as_limits_exceeded_after_three_attempts()
    {
        using var server = new LocalHttpServer((_, _) => Error(400, "TooManyRequestsException", "Rate exceeded"));
        using var client = ClientFor(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.CollectAsync(client.ListRootsAsync(None)));

        Assert.Equal("AwsTooManyRequests", error.ErrorId);
        Assert.Equal(FailureKind.LimitsExceeded, error.Kind);
        Assert.Equal(3, server.RequestCount);
    }

    [Theory]
    [InlineData("AWSOrganizationsNotInUseException", FailureKind.InvalidOperation)]
    [InlineData("AccessDeniedException", FailureKind.PermissionDenied)]
    [InlineData("com.amazonaws.organizations.v20161128#ParentNotFoundException", FailureKind.ObjectNotFound)]
    public async Task Errors_keep_their_code_request_id_and_status_and_get_a_kind(string type, FailureKind kind)
    {
        using var server = new LocalHttpServer((_, _) => Error(400, type, "said the service"));
        using var client = ClientFor(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.CollectAsync(client.ListAccountsForParentAsync("r-ab12", None)));

        var code = type.Substring(type.IndexOf('#', StringComparison.Ordinal) + 1);
        Assert.Equal(code, error.AwsErrorCode);
        Assert.Equal("Aws" + code.Replace("Exception", string.Empty, StringComparison.Ordinal), error.ErrorId);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("req-err-1", error.RequestId);
        Assert.Contains("organizations:ListAccountsForParent", error.Message, StringComparison.Ordinal);
        Assert.Contains("said the service", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_proxy_page_instead_of_json_is_reported_as_unreadable_not_as_an_aws_error()
    {
        using var server = new LocalHttpServer((_, _) => new CannedResponse(403, "<html><body>blocked by proxy</body></html>", "text/html"));
        using var client = ClientFor(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.DescribeOrganizationAsync(None));

        Assert.Equal("AwsResponseUnreadable", error.ErrorId);
        Assert.Null(error.AwsErrorCode);
        Assert.Equal(403, error.HttpStatus);
    }

    [Fact]
    public async Task A_NextToken_that_repeats_stops_the_listing_instead_of_looping()
    {
        using var server = new LocalHttpServer((_, _) => Ok($"{{\"Accounts\":[{Account(1)}],\"NextToken\":\"same\"}}"));
        using var client = ClientFor(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.CollectAsync(client.ListAccountsAsync(None)));

        Assert.Equal("AwsPagingBroken", error.ErrorId);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task DescribeOrganizationalUnit_sends_the_id_and_reads_the_unit()
    {
        using var server = new LocalHttpServer((_, _) => Ok("""{"OrganizationalUnit":{"Id":"ou-ab12-cdefghij","Arn":"arn:aws:organizations::111122223333:ou/o-abcdefghij/ou-ab12-cdefghij","Name":"Prod"}}"""));
        using var client = ClientFor(server);

        var unit = await client.DescribeOrganizationalUnitAsync("ou-ab12-cdefghij", None);

        Assert.Equal(new OrganizationalUnit("ou-ab12-cdefghij", "arn:aws:organizations::111122223333:ou/o-abcdefghij/ou-ab12-cdefghij", "Prod"), unit);
        var sent = JsonDocument.Parse(Assert.Single(server.Requests).Body).RootElement;
        Assert.Equal("ou-ab12-cdefghij", sent.GetProperty("OrganizationalUnitId").GetString());
        Assert.False(sent.TryGetProperty("MaxResults", out _));
    }

    [Theory]
    [InlineData("us-east-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1")]
    [InlineData("eu-west-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1")]
    [InlineData("us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1")]
    public void The_endpoint_is_the_partitions_global_one(string region, string url, string signingRegion)
    {
        var config = new OrganizationsConfig { HomeRegion = RegionEndpoint.GetBySystemName(region) };

        Assert.Equal(url, config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new OrganizationsJsonRequest("ListRoots"))).URL);
        Assert.Equal(signingRegion, config.AuthenticationRegion);
        Assert.Equal("organizations", config.AuthenticationServiceName);
    }
}

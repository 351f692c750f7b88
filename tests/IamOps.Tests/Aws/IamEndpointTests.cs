using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using IamOps.Aws;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>Where IAM calls go, how they are signed, and the environment settings AWSSDK.Core applies to our client.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class IamEndpointTests
{
    [Theory]
    [InlineData("us-west-2", "https://iam.amazonaws.com", "us-east-1")]
    [InlineData("eu-central-1", "https://iam.amazonaws.com", "us-east-1")]
    [InlineData("cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1")]
    [InlineData("us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1")]
    [InlineData("us-iso-west-1", "https://iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1")]
    [InlineData("us-isob-east-1", "https://iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1")]
    [InlineData("eu-isoe-west-1", "https://iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1")]
    [InlineData("us-isof-east-1", "https://iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1")]
    public void Each_partition_has_its_global_endpoint_and_signing_region(string region, string url, string signingRegion)
    {
        using var environment = EnvironmentScope.Clean();
        var config = new IamQueryConfig { HomeRegion = RegionEndpoint.GetBySystemName(region) };

        var endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new IamQueryRequest("GetUser")));

        Assert.Equal(url, endpoint.URL);
        Assert.Equal(signingRegion, config.AuthenticationRegion);
        Assert.Equal("iam", config.AuthenticationServiceName);
    }

    [Fact]
    public void Fips_uses_the_fips_endpoint()
    {
        using var environment = EnvironmentScope.Clean();
        var config = new IamQueryConfig { HomeRegion = RegionEndpoint.USEast2, UseFIPSEndpoint = true };

        var endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new IamQueryRequest("GetUser")));

        Assert.Equal("https://iam-fips.amazonaws.com", endpoint.URL);
    }

    [Theory]
    [InlineData("eu-west-1", "us-east-1")]
    [InlineData("cn-north-1", "cn-north-1")]
    [InlineData("us-gov-east-1", "us-gov-west-1")]
    public async Task Requests_are_signed_with_sigv4_for_iam_in_the_partition_signing_region(string region, string signingRegion)
    {
        using var environment = EnvironmentScope.Clean();
        using var server = new LocalHttpServer((_, _) => Ok("GetUser", User("alice")));
        using var client = IamTestClients.For(server, config => config.HomeRegion = RegionEndpoint.GetBySystemName(region));

        await client.GetUserAsync("alice", CancellationToken.None);

        var request = Assert.Single(server.Requests);
        var authorization = request.Headers["Authorization"];
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/", authorization, StringComparison.Ordinal);
        Assert.Contains($"/{signingRegion}/iam/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Contains("Signature=", authorization, StringComparison.Ordinal);
        Assert.True(request.Headers.ContainsKey("X-Amz-Date"));
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_credentials_send_their_token()
    {
        using var environment = EnvironmentScope.Clean();
        using var server = new LocalHttpServer((_, _) => Ok("GetUser", User("alice")));
        var config = new IamQueryConfig { ServiceURL = server.Url.ToString() };
        using var client = new IamQueryClient(new SessionAWSCredentials("ASIAEXAMPLE", "secret", "token-123"), config);

        await client.GetUserAsync("alice", CancellationToken.None);

        Assert.Equal("token-123", Assert.Single(server.Requests).Headers["X-Amz-Security-Token"]);
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_IAM")]
    [InlineData("AWS_ENDPOINT_URL")]
    public async Task Endpoint_environment_variables_send_calls_to_that_endpoint(string variable)
    {
        using var server = new LocalHttpServer((_, _) => Ok("GetUser", User("alice")));
        using var environment = EnvironmentScope.Clean((variable, server.Url.ToString()));
        using var client = new IamQueryClient(IamTestClients.Keys, new IamQueryConfig());

        var user = await client.GetUserAsync("alice", CancellationToken.None);

        Assert.Equal("alice", user.UserName);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task An_explicit_endpoint_wins_over_the_environment()
    {
        using var explicitServer = new LocalHttpServer((_, _) => Ok("GetUser", User("explicit")));
        using var environmentServer = new LocalHttpServer((_, _) => Ok("GetUser", User("environment")));
        using var environment = EnvironmentScope.Clean(("AWS_ENDPOINT_URL_IAM", environmentServer.Url.ToString()));
        using var client = IamTestClients.For(explicitServer);

        var user = await client.GetUserAsync("alice", CancellationToken.None);

        Assert.Equal("explicit", user.UserName);
        Assert.Equal(0, environmentServer.RequestCount);
    }

    [Fact]
    public void A_malformed_endpoint_environment_variable_is_a_clear_error()
    {
        using var environment = EnvironmentScope.Clean(("AWS_ENDPOINT_URL_IAM", "not a url"));
        var resolved = new IamOps.Connection.ConnectionResolver(Environment.GetEnvironmentVariable)
            .Resolve(new IamOps.Connection.ConnectionParameters { AccessKey = "AKIDEXAMPLE", SecretKey = "secret", Region = "us-east-1" });

        var error = Assert.Throws<IamOpsException>(() => IamQueryClient.For(resolved).GetUserAsync("alice", CancellationToken.None).GetAwaiter().GetResult());

        Assert.Equal("EndpointUrlInvalid", error.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.Contains("AWS_ENDPOINT_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWS_MAX_ATTEMPTS_sets_how_often_a_call_is_tried()
    {
        using var environment = EnvironmentScope.Clean(("AWS_MAX_ATTEMPTS", "2"), ("AWS_RETRY_MODE", "standard"));
        using var server = new LocalHttpServer((_, _) => Error(400, "Throttling", "Rate exceeded"));
        using var client = new IamQueryClient(IamTestClients.Keys, new IamQueryConfig { ServiceURL = server.Url.ToString() });

        await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public void AWS_RETRY_MODE_adaptive_is_honoured()
    {
        using var environment = EnvironmentScope.Clean(("AWS_RETRY_MODE", "adaptive"));

        Assert.Equal(RequestRetryMode.Adaptive, new IamQueryConfig().RetryMode);
    }

    [Fact]
    public void Without_settings_retries_are_standard_and_requests_time_out()
    {
        using var environment = EnvironmentScope.Clean();
        var config = new IamQueryConfig();

        Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
        Assert.NotNull(config.Timeout);
        Assert.True(config.Timeout <= TimeSpan.FromSeconds(60));
    }
}

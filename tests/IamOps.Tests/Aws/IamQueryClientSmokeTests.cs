namespace IamOps.Tests.Aws;

public sealed class IamQueryClientSmokeTests
{
    [Fact]
    public async Task GetUser_round_trips_through_the_sdk_pipeline()
    {
        using var server = new LocalHttpServer((_, _) => IamResponses.Ok("GetUser", IamResponses.User("alice")));
        using var client = IamTestClients.For(server);

        var user = await client.GetUserAsync("alice", CancellationToken.None);

        Assert.Equal("alice", user.UserName);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("GetUser", request.Action);
        Assert.Equal("2010-05-08", request.Form["Version"]);
        Assert.Contains("AWS4-HMAC-SHA256", request.Headers["Authorization"], StringComparison.Ordinal);
    }
}

using IamOps.Aws;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>Marker/IsTruncated paging inside the client.</summary>
public sealed class IamQueryClientPagingTests
{
    /// <summary>Answers ListUsers in pages of the given sizes, chaining markers m1, m2, ...</summary>
    private static CannedResponse UserPage(RecordedRequest request, int[] pageSizes)
    {
        var page = request.Form.TryGetValue("Marker", out var marker) ? int.Parse(marker.Substring(1), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var first = pageSizes.Take(page).Sum();
        var members = string.Concat(Enumerable.Range(first, pageSizes[page]).Select(i => $"<member>{IamQueryClientUserTests.Inner(User("user" + i))}</member>"));
        var truncated = page < pageSizes.Length - 1;
        return Ok("ListUsers", $"<Users>{members}</Users><IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>{(truncated ? $"<Marker>m{page + 1}</Marker>" : string.Empty)}");
    }

    [Fact]
    public async Task ListUsers_follows_markers_across_four_pages_including_a_short_truncated_one()
    {
        var sizes = new[] { 3, 0, 2, 4 };
        using var server = new LocalHttpServer((request, _) => UserPage(request, sizes));
        using var client = IamTestClients.For(server);

        var users = await IamExchange.CollectAsync(client.ListUsersAsync(null, CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, 9).Select(i => "user" + i), users.Select(u => u.UserName));
        var requests = server.Requests.ToArray();
        Assert.Equal(4, requests.Length);
        Assert.False(requests[0].Form.ContainsKey("Marker"));
        Assert.Equal(new[] { "m1", "m2", "m3" }, requests.Skip(1).Select(r => r.Form["Marker"]));
        Assert.All(requests, r => Assert.Equal("1000", r.Form["MaxItems"]));
    }

    [Fact]
    public async Task Stopping_early_stops_paging()
    {
        using var server = new LocalHttpServer((request, _) => UserPage(request, new[] { 2, 2, 2 }));
        using var client = IamTestClients.For(server);

        IamUser? found = null;
        await foreach (var user in client.ListUsersAsync(null, CancellationToken.None))
        {
            if (user.UserName == "user1")
            {
                found = user;
                break;
            }
        }

        Assert.NotNull(found);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GetAccountAuthorizationDetails_gathers_every_page()
    {
        using var server = new LocalHttpServer((request, number) => number switch
        {
            1 => Ok("GetAccountAuthorizationDetails", $"<UserDetailList><member>{IamQueryClientUserTests.Inner(User("a"))}</member></UserDetailList><IsTruncated>true</IsTruncated><Marker>p2</Marker>"),
            2 => Ok("GetAccountAuthorizationDetails", $"<UserDetailList><member>{IamQueryClientUserTests.Inner(User("b"))}</member></UserDetailList><IsTruncated>true</IsTruncated><Marker>p3</Marker>"),
            _ => Ok("GetAccountAuthorizationDetails", $"<RoleDetailList><member>{IamQueryClientRoleTests.RoleXml("r")}</member></RoleDetailList><IsTruncated>false</IsTruncated>"),
        });
        using var client = IamTestClients.For(server);

        var details = await client.GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter.All, CancellationToken.None);

        Assert.Equal(new[] { "a", "b" }, details.Users.Select(u => u.User.UserName));
        Assert.Equal("r", Assert.Single(details.Roles).Role.RoleName);
        Assert.Equal(new[] { null, "p2", "p3" }, server.Requests.Select(r => r.Form.TryGetValue("Marker", out var m) ? m : null));
    }

    [Fact]
    public async Task A_marker_that_repeats_is_an_error_not_an_endless_loop()
    {
        using var server = new LocalHttpServer((_, _) => Ok("ListRoles", $"<Roles><member>{IamQueryClientRoleTests.RoleXml("r")}</member></Roles><IsTruncated>true</IsTruncated><Marker>same</Marker>"));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.CollectAsync(client.ListRolesAsync(null, CancellationToken.None)));

        Assert.Equal("AwsPagingBroken", error.ErrorId);
        Assert.Equal(FailureKind.InvalidData, error.Kind);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_truncated_page_without_a_marker_is_an_error()
    {
        using var server = new LocalHttpServer((_, _) => Ok("ListRoles", "<Roles/><IsTruncated>true</IsTruncated>"));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.CollectAsync(client.ListRolesAsync(null, CancellationToken.None)));

        Assert.Equal("AwsPagingBroken", error.ErrorId);
        Assert.Equal(1, server.RequestCount);
    }
}

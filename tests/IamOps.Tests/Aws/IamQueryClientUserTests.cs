using IamOps.Aws;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>Users, login profiles, access keys and groups: what each call sends and how each answer is read.</summary>
public sealed class IamQueryClientUserTests
{
    private const string Boundary =
        "<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::123456789012:policy/boundary</PermissionsBoundaryArn></PermissionsBoundary>";

    private const string TeamTag = "<Tags><member><Key>team</Key><Value>blue</Value></member></Tags>";

    [Fact]
    public async Task CreateUser_sends_path_boundary_and_tags_and_reads_the_user()
    {
        var (user, request) = await IamExchange.RunAsync(Ok("CreateUser", User("alice", Boundary + TeamTag)), client => client.CreateUserAsync(
            new CreateUserRequest
            {
                UserName = "alice",
                Path = "/dev/",
                PermissionsBoundaryArn = "arn:aws:iam::123456789012:policy/boundary",
                Tags = new[] { new IamTag("team", "blue"), new IamTag("cost center", "a&b=c") },
            },
            CancellationToken.None));

        Assert.Equal("CreateUser", request.Action);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["UserName"] = "alice",
                ["Path"] = "/dev/",
                ["PermissionsBoundary"] = "arn:aws:iam::123456789012:policy/boundary",
                ["Tags.member.1.Key"] = "team",
                ["Tags.member.1.Value"] = "blue",
                ["Tags.member.2.Key"] = "cost center",
                ["Tags.member.2.Value"] = "a&b=c",
            },
            request.Parameters());
        Assert.Equal("alice", user.UserName);
        Assert.Equal("AIDACKCEVSQ6C2EXAMPLE", user.UserId);
        Assert.Equal("arn:aws:iam::123456789012:user/alice", user.Arn);
        Assert.Equal(new DateTime(2013, 4, 18, 23, 1, 45, DateTimeKind.Utc), user.CreateDate);
        Assert.Equal(DateTimeKind.Utc, user.CreateDate.Kind);
        Assert.Equal("arn:aws:iam::123456789012:policy/boundary", user.PermissionsBoundaryArn);
        Assert.Equal(new[] { new IamTag("team", "blue") }, user.Tags);
    }

    [Fact]
    public async Task GetUser_without_a_name_asks_for_the_callers_user()
    {
        var (user, request) = await IamExchange.RunAsync(
            Ok("GetUser", User("bob", "<PasswordLastUsed>2024-01-02T03:04:05Z</PasswordLastUsed>")),
            client => client.GetUserAsync(null, CancellationToken.None));

        Assert.Equal("GetUser", request.Action);
        Assert.Empty(request.Parameters());
        Assert.Equal("bob", user.UserName);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), user.PasswordLastUsed);
        Assert.Null(user.PermissionsBoundaryArn);
        Assert.Empty(user.Tags);
    }

    [Fact]
    public async Task TagUser_and_UntagUser_send_tags_and_keys_as_members()
    {
        var tag = await IamExchange.RunAsync(Empty("TagUser"), client => client.TagUserAsync("alice", new[] { new IamTag("env", "") }, CancellationToken.None));
        var untag = await IamExchange.RunAsync(Empty("UntagUser"), client => client.UntagUserAsync("alice", new[] { "env", "team" }, CancellationToken.None));

        Assert.Equal("TagUser", tag.Action);
        Assert.Equal(new Dictionary<string, string> { ["UserName"] = "alice", ["Tags.member.1.Key"] = "env", ["Tags.member.1.Value"] = "" }, tag.Parameters());
        Assert.Equal("UntagUser", untag.Action);
        Assert.Equal(new Dictionary<string, string> { ["UserName"] = "alice", ["TagKeys.member.1"] = "env", ["TagKeys.member.2"] = "team" }, untag.Parameters());
    }

    [Fact]
    public async Task PutUserPermissionsBoundary_sends_the_user_and_policy_arn()
    {
        var put = await IamExchange.RunAsync(Empty("PutUserPermissionsBoundary"), client => client.PutUserPermissionsBoundaryAsync("alice", "arn:aws:iam::123456789012:policy/DevBoundary", CancellationToken.None));

        Assert.Equal("PutUserPermissionsBoundary", put.Action);
        Assert.Equal(new Dictionary<string, string> { ["UserName"] = "alice", ["PermissionsBoundary"] = "arn:aws:iam::123456789012:policy/DevBoundary" }, put.Parameters());
    }

    [Fact]
    public async Task ListUsers_sends_the_path_prefix_and_page_size_and_reads_every_member()
    {
        var (users, request) = await IamExchange.ListAsync(
            Ok("ListUsers", $"<Users><member>{Inner(User("a"))}</member><member>{Inner(User("b"))}</member></Users><IsTruncated>false</IsTruncated>"),
            client => client.ListUsersAsync("/dev/", CancellationToken.None));

        Assert.Equal("ListUsers", request.Action);
        Assert.Equal(new Dictionary<string, string> { ["PathPrefix"] = "/dev/", ["MaxItems"] = "1000" }, request.Parameters());
        Assert.Equal(new[] { "a", "b" }, users.Select(u => u.UserName));
    }

    [Fact]
    public async Task ListUsers_with_no_users_is_empty()
    {
        var (users, _) = await IamExchange.ListAsync(Ok("ListUsers", "<Users/><IsTruncated>false</IsTruncated>"), client => client.ListUsersAsync(null, CancellationToken.None));

        Assert.Empty(users);
    }

    [Fact]
    public async Task CreateLoginProfile_sends_the_password_and_reset_flag()
    {
        var (profile, request) = await IamExchange.RunAsync(
            Ok("CreateLoginProfile", "<LoginProfile><PasswordResetRequired>true</PasswordResetRequired><UserName>alice</UserName><CreateDate>2024-05-06T07:08:09Z</CreateDate></LoginProfile>"),
            client => client.CreateLoginProfileAsync("alice", "p@ss w+rd&=", true, CancellationToken.None));

        Assert.Equal("CreateLoginProfile", request.Action);
        Assert.Equal(new Dictionary<string, string> { ["UserName"] = "alice", ["Password"] = "p@ss w+rd&=", ["PasswordResetRequired"] = "true" }, request.Parameters());
        Assert.Equal(new LoginProfile { UserName = "alice", PasswordResetRequired = true, CreateDate = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc) }, profile);
    }

    [Fact]
    public async Task GetLoginProfile_reads_the_profile()
    {
        var (profile, request) = await IamExchange.RunAsync(
            Ok("GetLoginProfile", "<LoginProfile><UserName>alice</UserName><CreateDate>2024-05-06T07:08:09Z</CreateDate></LoginProfile>"),
            client => client.GetLoginProfileAsync("alice", CancellationToken.None));

        Assert.Equal("GetLoginProfile", request.Action);
        Assert.Equal(new Dictionary<string, string> { ["UserName"] = "alice" }, request.Parameters());
        Assert.Equal("alice", profile.UserName);
        Assert.False(profile.PasswordResetRequired);
    }

    [Fact]
    public async Task UpdateLoginProfile_sends_only_what_changes()
    {
        var onlyReset = await IamExchange.RunAsync(Empty("UpdateLoginProfile"), client => client.UpdateLoginProfileAsync("alice", null, false, CancellationToken.None));
        var onlyPassword = await IamExchange.RunAsync(Empty("UpdateLoginProfile"), client => client.UpdateLoginProfileAsync("alice", "n3w", null, CancellationToken.None));

        Assert.Equal(new Dictionary<string, string> { ["UserName"] = "alice", ["PasswordResetRequired"] = "false" }, onlyReset.Parameters());
        Assert.Equal(new Dictionary<string, string> { ["UserName"] = "alice", ["Password"] = "n3w" }, onlyPassword.Parameters());
    }

    [Fact]
    public async Task CreateAccessKey_returns_the_secret()
    {
        var (key, request) = await IamExchange.RunAsync(
            Ok("CreateAccessKey", "<AccessKey><UserName>alice</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status><SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey><CreateDate>2024-01-01T00:00:00Z</CreateDate></AccessKey>"),
            client => client.CreateAccessKeyAsync("alice", CancellationToken.None));

        Assert.Equal("CreateAccessKey", request.Action);
        Assert.Equal(new Dictionary<string, string> { ["UserName"] = "alice" }, request.Parameters());
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", key.AccessKeyId);
        Assert.Equal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", key.SecretAccessKey);
        Assert.Equal(AccessKeyStatus.Active, key.Status);
    }

    [Fact]
    public async Task ListAccessKeys_reads_status_of_each_key()
    {
        var (keys, request) = await IamExchange.ListAsync(
            Ok("ListAccessKeys", "<UserName>alice</UserName><AccessKeyMetadata>"
                + "<member><UserName>alice</UserName><AccessKeyId>AKIA1</AccessKeyId><Status>Active</Status><CreateDate>2024-01-01T00:00:00Z</CreateDate></member>"
                + "<member><UserName>alice</UserName><AccessKeyId>AKIA2</AccessKeyId><Status>Inactive</Status><CreateDate>2024-02-01T00:00:00Z</CreateDate></member>"
                + "</AccessKeyMetadata><IsTruncated>false</IsTruncated>"),
            client => client.ListAccessKeysAsync("alice", CancellationToken.None));

        Assert.Equal("ListAccessKeys", request.Action);
        Assert.Equal("alice", request.Form["UserName"]);
        Assert.Equal(new[] { ("AKIA1", AccessKeyStatus.Active), ("AKIA2", AccessKeyStatus.Inactive) }, keys.Select(k => (k.AccessKeyId, k.Status)));
    }

    [Fact]
    public async Task UpdateAccessKey_and_DeleteAccessKey_name_the_key()
    {
        var update = await IamExchange.RunAsync(Empty("UpdateAccessKey"), client => client.UpdateAccessKeyAsync("alice", "AKIA1", AccessKeyStatus.Inactive, CancellationToken.None));
        var delete = await IamExchange.RunAsync(Empty("DeleteAccessKey"), client => client.DeleteAccessKeyAsync(null, "AKIA1", CancellationToken.None));

        Assert.Equal(new Dictionary<string, string> { ["UserName"] = "alice", ["AccessKeyId"] = "AKIA1", ["Status"] = "Inactive" }, update.Parameters());
        Assert.Equal("DeleteAccessKey", delete.Action);
        Assert.Equal(new Dictionary<string, string> { ["AccessKeyId"] = "AKIA1" }, delete.Parameters());
    }

    [Fact]
    public async Task CreateGroup_and_GetGroup_read_the_group()
    {
        const string group = "<Group><Path>/ops/</Path><GroupName>admins</GroupName><GroupId>AGPACKCEVSQ6C2EXAMPLE</GroupId><Arn>arn:aws:iam::123456789012:group/ops/admins</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></Group>";
        var (created, createRequest) = await IamExchange.RunAsync(Ok("CreateGroup", group), client => client.CreateGroupAsync("admins", "/ops/", CancellationToken.None));
        var (fetched, getRequest) = await IamExchange.RunAsync(
            Ok("GetGroup", group + "<Users><member>" + Inner(User("alice")) + "</member></Users><IsTruncated>false</IsTruncated>"),
            client => client.GetGroupAsync("admins", CancellationToken.None));

        Assert.Equal(new Dictionary<string, string> { ["GroupName"] = "admins", ["Path"] = "/ops/" }, createRequest.Parameters());
        Assert.Equal(new Dictionary<string, string> { ["GroupName"] = "admins" }, getRequest.Parameters());
        Assert.Equal("GetGroup", getRequest.Action);
        var expected = new IamGroup { GroupName = "admins", GroupId = "AGPACKCEVSQ6C2EXAMPLE", Arn = "arn:aws:iam::123456789012:group/ops/admins", Path = "/ops/", CreateDate = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        Assert.Equal(expected, created);
        Assert.Equal(expected, fetched);
    }

    [Fact]
    public async Task AddUserToGroup_and_RemoveUserFromGroup_name_both()
    {
        var add = await IamExchange.RunAsync(Empty("AddUserToGroup"), client => client.AddUserToGroupAsync("admins", "alice", CancellationToken.None));
        var remove = await IamExchange.RunAsync(Empty("RemoveUserFromGroup"), client => client.RemoveUserFromGroupAsync("admins", "alice", CancellationToken.None));

        Assert.Equal(("AddUserToGroup", "admins", "alice"), (add.Action, add.Form["GroupName"], add.Form["UserName"]));
        Assert.Equal(("RemoveUserFromGroup", "admins", "alice"), (remove.Action, remove.Form["GroupName"], remove.Form["UserName"]));
    }

    [Fact]
    public async Task ListGroupsForUser_reads_each_group()
    {
        var (groups, request) = await IamExchange.ListAsync(
            Ok("ListGroupsForUser", "<Groups><member><Path>/</Path><GroupName>admins</GroupName><GroupId>AGPA1</GroupId><Arn>arn:aws:iam::123456789012:group/admins</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></Groups><IsTruncated>false</IsTruncated>"),
            client => client.ListGroupsForUserAsync("alice", CancellationToken.None));

        Assert.Equal("ListGroupsForUser", request.Action);
        Assert.Equal("alice", request.Form["UserName"]);
        Assert.Equal("admins", Assert.Single(groups).GroupName);
    }

    /// <summary>The children of a <c>&lt;User&gt;</c> element, to reuse it as a list member.</summary>
    internal static string Inner(string element)
    {
        var start = element.IndexOf('>') + 1;
        var end = element.LastIndexOf('<');
        return element.Substring(start, end - start);
    }
}

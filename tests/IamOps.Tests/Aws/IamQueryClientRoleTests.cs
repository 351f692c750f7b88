using IamOps.Aws;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>Roles and instance profiles.</summary>
public sealed class IamQueryClientRoleTests
{
    private const string Trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    internal static string RoleXml(string name, string extra = "") =>
        $"<Path>/app/</Path><RoleName>{name}</RoleName><RoleId>AROADBQP57FF2AEXAMPLE</RoleId><Arn>arn:aws:iam::123456789012:role/app/{name}</Arn>"
        + $"<CreateDate>2024-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>{Uri.EscapeDataString(Trust)}</AssumeRolePolicyDocument>"
        + $"<MaxSessionDuration>7200</MaxSessionDuration>{extra}";

    [Fact]
    public async Task CreateRole_sends_every_setting_and_decodes_the_trust_policy()
    {
        var (role, request) = await IamExchange.RunAsync(
            Ok("CreateRole", $"<Role>{RoleXml("web", "<Description>Web servers</Description>")}</Role>"),
            client => client.CreateRoleAsync(
                new CreateRoleRequest
                {
                    RoleName = "web",
                    AssumeRolePolicyDocument = Trust,
                    Path = "/app/",
                    Description = "Web servers",
                    MaxSessionDuration = 7200,
                    PermissionsBoundaryArn = "arn:aws:iam::123456789012:policy/boundary",
                    Tags = new[] { new IamTag("app", "web") },
                },
                CancellationToken.None));

        Assert.Equal("CreateRole", request.Action);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["RoleName"] = "web",
                ["AssumeRolePolicyDocument"] = Trust,
                ["Path"] = "/app/",
                ["Description"] = "Web servers",
                ["MaxSessionDuration"] = "7200",
                ["PermissionsBoundary"] = "arn:aws:iam::123456789012:policy/boundary",
                ["Tags.member.1.Key"] = "app",
                ["Tags.member.1.Value"] = "web",
            },
            request.Parameters());
        Assert.Equal("web", role.RoleName);
        Assert.Equal("arn:aws:iam::123456789012:role/app/web", role.Arn);
        Assert.Equal(Trust, role.AssumeRolePolicyDocument);
        Assert.Equal(7200, role.MaxSessionDuration);
        Assert.Equal("Web servers", role.Description);
    }

    [Fact]
    public async Task GetRole_reads_last_use_boundary_and_tags()
    {
        var (role, request) = await IamExchange.RunAsync(
            Ok("GetRole", "<Role>" + RoleXml("web",
                "<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>arn:aws:iam::123456789012:policy/b</PermissionsBoundaryArn></PermissionsBoundary>"
                + "<Tags><member><Key>app</Key><Value>web</Value></member></Tags><RoleLastUsed><LastUsedDate>2024-06-01T12:00:00Z</LastUsedDate><Region>eu-west-1</Region></RoleLastUsed>") + "</Role>"),
            client => client.GetRoleAsync("web", CancellationToken.None));

        Assert.Equal(("GetRole", "web"), (request.Action, request.Form["RoleName"]));
        Assert.Equal("arn:aws:iam::123456789012:policy/b", role.PermissionsBoundaryArn);
        Assert.Equal(new[] { new IamTag("app", "web") }, role.Tags);
        Assert.Equal(new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc), role.LastUsedDate);
        Assert.Equal("eu-west-1", role.LastUsedRegion);
    }

    [Fact]
    public async Task UpdateAssumeRolePolicy_and_TagRole_send_their_parameters()
    {
        var update = await IamExchange.RunAsync(Empty("UpdateAssumeRolePolicy"), client => client.UpdateAssumeRolePolicyAsync("web", Trust, CancellationToken.None));
        var tag = await IamExchange.RunAsync(Empty("TagRole"), client => client.TagRoleAsync("web", new[] { new IamTag("a", "1"), new IamTag("b", "2") }, CancellationToken.None));

        Assert.Equal(new Dictionary<string, string> { ["RoleName"] = "web", ["PolicyDocument"] = Trust }, update.Parameters());
        Assert.Equal("TagRole", tag.Action);
        Assert.Equal(
            new Dictionary<string, string> { ["RoleName"] = "web", ["Tags.member.1.Key"] = "a", ["Tags.member.1.Value"] = "1", ["Tags.member.2.Key"] = "b", ["Tags.member.2.Value"] = "2" },
            tag.Parameters());
    }

    [Fact]
    public async Task UpdateRole_sends_only_the_settings_it_changes()
    {
        var duration = await IamExchange.RunAsync(Empty("UpdateRole"), client => client.UpdateRoleAsync("web", null, 7200, CancellationToken.None));
        var description = await IamExchange.RunAsync(Empty("UpdateRole"), client => client.UpdateRoleAsync("web", "Web servers", null, CancellationToken.None));

        Assert.Equal("UpdateRole", duration.Action);
        Assert.Equal(new Dictionary<string, string> { ["RoleName"] = "web", ["MaxSessionDuration"] = "7200" }, duration.Parameters());
        Assert.Equal(new Dictionary<string, string> { ["RoleName"] = "web", ["Description"] = "Web servers" }, description.Parameters());
    }

    [Fact]
    public async Task ListRoles_reads_each_role_with_its_trust_policy()
    {
        var (roles, request) = await IamExchange.ListAsync(
            Ok("ListRoles", $"<Roles><member>{RoleXml("web")}</member><member>{RoleXml("db")}</member></Roles><IsTruncated>false</IsTruncated>"),
            client => client.ListRolesAsync("/app/", CancellationToken.None));

        Assert.Equal(("ListRoles", "/app/"), (request.Action, request.Form["PathPrefix"]));
        Assert.Equal(new[] { "web", "db" }, roles.Select(r => r.RoleName));
        Assert.All(roles, r => Assert.Equal(Trust, r.AssumeRolePolicyDocument));
    }

    private const string ProfileXml =
        "<InstanceProfileId>AIPAD5ARO2C5EXAMPLE3G</InstanceProfileId><Roles><member>{0}</member></Roles><InstanceProfileName>web</InstanceProfileName>"
        + "<Path>/app/</Path><Arn>arn:aws:iam::123456789012:instance-profile/app/web</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate>";

    [Fact]
    public async Task CreateInstanceProfile_and_GetInstanceProfile_read_the_profile_and_its_role()
    {
        var xml = string.Format(System.Globalization.CultureInfo.InvariantCulture, ProfileXml, RoleXml("web"));
        var (created, create) = await IamExchange.RunAsync(
            Ok("CreateInstanceProfile", $"<InstanceProfile>{xml}</InstanceProfile>"),
            client => client.CreateInstanceProfileAsync("web", "/app/", new[] { new IamTag("app", "web") }, CancellationToken.None));
        var (fetched, get) = await IamExchange.RunAsync(
            Ok("GetInstanceProfile", $"<InstanceProfile>{xml}</InstanceProfile>"),
            client => client.GetInstanceProfileAsync("web", CancellationToken.None));

        Assert.Equal(
            new Dictionary<string, string> { ["InstanceProfileName"] = "web", ["Path"] = "/app/", ["Tags.member.1.Key"] = "app", ["Tags.member.1.Value"] = "web" },
            create.Parameters());
        Assert.Equal(("GetInstanceProfile", "web"), (get.Action, get.Form["InstanceProfileName"]));
        foreach (var profile in new[] { created, fetched })
        {
            Assert.Equal("web", profile.InstanceProfileName);
            Assert.Equal("AIPAD5ARO2C5EXAMPLE3G", profile.InstanceProfileId);
            Assert.Equal("arn:aws:iam::123456789012:instance-profile/app/web", profile.Arn);
            Assert.Equal("web", Assert.Single(profile.Roles).RoleName);
        }
    }

    [Fact]
    public async Task AddRoleToInstanceProfile_and_ListInstanceProfilesForRole()
    {
        var add = await IamExchange.RunAsync(Empty("AddRoleToInstanceProfile"), client => client.AddRoleToInstanceProfileAsync("web", "web-role", CancellationToken.None));
        var (profiles, list) = await IamExchange.ListAsync(
            Ok("ListInstanceProfilesForRole", "<InstanceProfiles><member>" + string.Format(System.Globalization.CultureInfo.InvariantCulture, ProfileXml, RoleXml("web-role")) + "</member></InstanceProfiles><IsTruncated>false</IsTruncated>"),
            client => client.ListInstanceProfilesForRoleAsync("web-role", CancellationToken.None));

        Assert.Equal(new Dictionary<string, string> { ["InstanceProfileName"] = "web", ["RoleName"] = "web-role" }, add.Parameters());
        Assert.Equal(("ListInstanceProfilesForRole", "web-role"), (list.Action, list.Form["RoleName"]));
        Assert.Equal("web", Assert.Single(profiles).InstanceProfileName);
    }
}

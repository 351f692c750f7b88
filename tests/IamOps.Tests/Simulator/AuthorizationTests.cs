using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>Sandbox callers other than the administrator are held to their policies, through the policy engine.</summary>
public sealed class AuthorizationTests
{
    private const string Account = "111122223333";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new(Account);
    private readonly SimulatorConnection _admin;

    public AuthorizationTests() => _admin = _account.Connect();

    private async Task<SimulatorConnection> User(string name, params string[] inlinePolicies)
    {
        await _admin.Iam.CreateUserAsync(new CreateUserRequest { UserName = name }, None);
        for (var i = 0; i < inlinePolicies.Length; i++)
        {
            await _admin.Iam.PutInlinePolicyAsync(IdentityKind.User, name, "p" + i, inlinePolicies[i], None);
        }

        var key = await _admin.Iam.CreateAccessKeyAsync(name, None);
        return _account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));
    }

    [Fact]
    public async Task A_user_without_policies_is_denied_with_AWS_wording()
    {
        var alice = await User("alice");
        var error = await Expect.AwsError("AccessDenied", 403, () => alice.Iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None));
        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Contains($"User: arn:aws:iam::{Account}:user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::{Account}:user/bob because no identity-based policy allows the iam:CreateUser action", error.Message, StringComparison.Ordinal);
        Assert.Equal($"arn:aws:iam::{Account}:user/alice", (await alice.Sts.GetCallerIdentityAsync(None)).Arn);
        Assert.Equal("AccessDenied", _account.CallLog.Of("CreateUser").Last().Outcome);
    }

    [Fact]
    public async Task Resources_and_policy_variables_scope_what_a_user_may_do()
    {
        var self = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetUser","iam:ListAccessKeys","iam:CreateAccessKey"],"Resource":"arn:aws:iam::*:user/${aws:username}"}]}""";
        var alice = await User("alice", self);
        await User("bob");
        Assert.Equal("alice", (await alice.Iam.GetUserAsync(null, None)).UserName);
        Assert.Equal("alice", (await alice.Iam.GetUserAsync("alice", None)).UserName);
        Assert.Single(await Expect.All(alice.Iam.ListAccessKeysAsync(null, None)));
        await Expect.AwsError("AccessDenied", 403, () => alice.Iam.GetUserAsync("bob", None));
        await Expect.AwsError("AccessDenied", 403, () => alice.Iam.CreateAccessKeyAsync("bob", None));
        await Expect.AwsError("AccessDenied", 403, () => Expect.All(alice.Iam.ListUsersAsync(null, None)));
    }

    [Fact]
    public async Task Group_policies_apply_and_an_explicit_deny_wins()
    {
        var carol = await User("carol");
        await _admin.Iam.CreateGroupAsync("admins", null, None);
        await _admin.Iam.AttachPolicyAsync(IdentityKind.Group, "admins", "arn:aws:iam::aws:policy/AdministratorAccess", None);
        await _admin.Iam.AddUserToGroupAsync("admins", "carol", None);
        await carol.Iam.CreateGroupAsync("devs", null, None);
        await _admin.Iam.PutInlinePolicyAsync(IdentityKind.User, "carol", "no-groups", Expect.Statement("Deny", "iam:CreateGroup"), None);
        var error = await Expect.AwsError("AccessDenied", 403, () => carol.Iam.CreateGroupAsync("ops", null, None));
        Assert.Contains("with an explicit deny in an identity-based policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permissions_boundary_limits_even_AdministratorAccess()
    {
        var dave = await User("dave");
        await _admin.Iam.AttachPolicyAsync(IdentityKind.User, "dave", "arn:aws:iam::aws:policy/AdministratorAccess", None);
        var boundary = await _admin.Iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "read-iam", PolicyDocument = Expect.Statement("Allow", "iam:Get*") }, None);
        await _admin.Iam.PutUserPermissionsBoundaryAsync("dave", boundary.Arn, None);
        Assert.Equal("dave", (await dave.Iam.GetUserAsync(null, None)).UserName);
        await Expect.AwsError("AccessDenied", 403, () => dave.Iam.CreateUserAsync(new CreateUserRequest { UserName = "eve" }, None));
    }

    [Fact]
    public async Task Role_sessions_use_the_role_policies_narrowed_by_the_session_policy()
    {
        await _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "reader", AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"{Account}\"}}") }, None);
        await _admin.Iam.AttachPolicyAsync(IdentityKind.Role, "reader", "arn:aws:iam::aws:policy/ReadOnlyAccess", None);
        _account.AddBucket("logs");
        var session = _admin.ForSession(await _admin.Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/reader", RoleSessionName = "audit" }, None));
        Assert.Equal("reader", (await session.Iam.GetRoleAsync("reader", None)).RoleName);
        Assert.Equal("us-east-1", (await session.S3.HeadBucketAsync("logs", None)).Region);
        await Expect.AwsError("AccessDenied", 403, () => session.Iam.CreateUserAsync(new CreateUserRequest { UserName = "x" }, None));

        var narrowed = _admin.ForSession(await _admin.Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/reader", RoleSessionName = "narrow", Policy = Expect.Statement("Allow", "s3:ListBucket") }, None));
        Assert.Equal("us-east-1", (await narrowed.S3.HeadBucketAsync("logs", None)).Region);
        await Expect.AwsError("AccessDenied", 403, () => narrowed.Iam.GetRoleAsync("reader", None));
    }

    [Fact]
    public async Task A_trust_policy_naming_the_account_needs_the_callers_permission_and_naming_the_user_does_not()
    {
        var frank = await User("frank");
        await _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "by-account", AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:root\"}}") }, None);
        await _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "by-name", AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{Account}:user/frank\"}}") }, None);
        var request = new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Account}:role/by-account", RoleSessionName = "s1" };
        await Expect.AwsError("AccessDenied", 403, () => frank.Sts.AssumeRoleAsync(request, None));
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/by-name/s1", (await frank.Sts.AssumeRoleAsync(request with { RoleArn = $"arn:aws:iam::{Account}:role/by-name" }, None)).AssumedRoleArn);
        await _admin.Iam.PutInlinePolicyAsync(IdentityKind.User, "frank", "assume", Expect.Statement("Allow", "sts:AssumeRole", $"arn:aws:iam::{Account}:role/by-account"), None);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/by-account/s1", (await frank.Sts.AssumeRoleAsync(request, None)).AssumedRoleArn);
    }

    [Fact]
    public async Task Adding_a_role_to_an_instance_profile_also_needs_iam_PassRole_on_the_role()
    {
        await _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "web", AssumeRolePolicyDocument = Expect.Trust("{\"Service\":\"ec2.amazonaws.com\"}") }, None);
        await _admin.Iam.CreateInstanceProfileAsync("web", null, Array.Empty<IamTag>(), None);
        var ops = await User("ops", Expect.Statement("Allow", "iam:AddRoleToInstanceProfile"));
        var error = await Expect.AwsError("AccessDenied", 403, () => ops.Iam.AddRoleToInstanceProfileAsync("web", "web", None));
        Assert.Contains($"iam:PassRole on resource: arn:aws:iam::{Account}:role/web", error.Message, StringComparison.Ordinal);
        await _admin.Iam.PutInlinePolicyAsync(IdentityKind.User, "ops", "pass", Expect.Statement("Allow", "iam:PassRole", $"arn:aws:iam::{Account}:role/web"), None);
        await ops.Iam.AddRoleToInstanceProfileAsync("web", "web", None);
        Assert.Single((await _admin.Iam.GetInstanceProfileAsync("web", None)).Roles);
    }

    [Fact]
    public async Task Request_tags_are_condition_keys_for_calls_that_set_them()
    {
        var abac = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateUser","iam:TagUser"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"blue"},"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}]}""";
        var hank = await User("hank", abac);
        await hank.Iam.CreateUserAsync(new CreateUserRequest { UserName = "blue-1", Tags = new[] { new IamTag("team", "blue") } }, None);
        await Expect.AwsError("AccessDenied", 403, () => hank.Iam.CreateUserAsync(new CreateUserRequest { UserName = "red-1", Tags = new[] { new IamTag("team", "red") } }, None));
        await Expect.AwsError("AccessDenied", 403, () => hank.Iam.CreateUserAsync(new CreateUserRequest { UserName = "untagged" }, None));
        await Expect.AwsError("AccessDenied", 403, () => hank.Iam.TagUserAsync("blue-1", new[] { new IamTag("team", "blue"), new IamTag("cost", "1") }, None));

        using var endpoint = SimulatorEndpoint.Start(_account);
        using var http = SignedHttp.NewClient();
        var tagged = await SignedHttp.QueryAsync(http, endpoint.BaseUrl, hank.Credentials, "iam", ("Action", "TagUser"), ("Version", "2010-05-08"), ("UserName", "blue-1"), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "blue"));
        Assert.Equal(System.Net.HttpStatusCode.OK, tagged.StatusCode);
        var refused = await SignedHttp.QueryAsync(http, endpoint.BaseUrl, hank.Credentials, "iam", ("Action", "TagUser"), ("Version", "2010-05-08"), ("UserName", "blue-1"), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "red"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Permission_checks_apply_over_HTTP_too_and_can_be_switched_off()
    {
        var grace = await User("grace");
        using var endpoint = SimulatorEndpoint.Start(_account);
        using var http = SignedHttp.NewClient();
        var denied = await SignedHttp.QueryAsync(http, endpoint.BaseUrl, grace.Credentials, "iam", ("Action", "ListUsers"), ("Version", "2010-05-08"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _account.EnforcePermissions = false;
        var allowed = await SignedHttp.QueryAsync(http, endpoint.BaseUrl, grace.Credentials, "iam", ("Action", "ListUsers"), ("Version", "2010-05-08"));
        Assert.Equal(System.Net.HttpStatusCode.OK, allowed.StatusCode);
        Assert.Single(await Expect.All(grace.Iam.ListAccessKeysAsync("Administrator", None)));
    }
}

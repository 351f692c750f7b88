using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>SCPs in a sandbox organization: every level from the root to the account must allow, a deny anywhere wins, the management account is exempt.</summary>
public sealed class ServiceControlPolicyTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedOrganization _org = new(2, "111122223333");

    private static Task CreateUser(SimulatedAccount account, string name) =>
        account.Connect().Iam.CreateUserAsync(new CreateUserRequest { UserName = name }, None);

    [Fact]
    public async Task An_account_level_deny_stops_the_call_in_that_member_with_awss_words_and_nowhere_else()
    {
        var (denied, other) = (_org.Members[0], _org.Members[1]);
        _org.AttachServiceControlPolicy(denied.AccountId, Expect.Statement("Deny", "iam:CreateUser"));

        var error = await Expect.AwsError("AccessDenied", 403, () => CreateUser(denied, "ops"));

        Assert.Contains("is not authorized to perform: iam:CreateUser", error.Message, StringComparison.Ordinal);
        Assert.Contains("with an explicit deny in a service control policy", error.Message, StringComparison.Ordinal);
        await CreateUser(other, "ops");
        await CreateUser(_org.Management, "ops");
        Assert.Equal("AccessDenied", Assert.Single(denied.CallLog.Of("CreateUser")).Outcome);
    }

    [Fact]
    public async Task The_management_account_is_not_limited_even_by_a_deny_on_the_root()
    {
        _org.AttachServiceControlPolicy(_org.RootId, Expect.Statement("Deny", "iam:*"));

        await CreateUser(_org.Management, "ops");
        await Expect.AwsError("AccessDenied", 403, () => CreateUser(_org.Members[1], "ops"));
    }

    [Fact]
    public async Task A_level_without_an_allow_denies_even_when_the_levels_around_it_allow()
    {
        var ou = _org.NewOrganizationalUnit(_org.RootId, "Sandbox");
        var member = _org.Members[0];
        _org.MoveAccount(member.AccountId, ou);
        _org.DetachServiceControlPolicy(ou, SimulatedOrganization.FullAwsAccessPolicyId);
        _org.AttachServiceControlPolicy(ou, Expect.Statement("Allow", "iam:Get*"));

        var error = await Expect.AwsError("AccessDenied", 403, () => CreateUser(member, "ops"));
        await Expect.AwsError("NoSuchEntity", 404, () => member.Connect().Iam.GetUserAsync("nobody", None));

        Assert.Contains("because no service control policy allows the iam:CreateUser action", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deny_on_an_ou_reaches_the_accounts_of_the_ous_below_it()
    {
        var parent = _org.NewOrganizationalUnit(_org.RootId, "Workloads");
        var child = _org.NewOrganizationalUnit(parent, "Prod");
        _org.MoveAccount(_org.Members[0].AccountId, child);
        _org.AttachServiceControlPolicy(parent, Expect.Statement("Deny", "iam:CreateUser"));

        await Expect.AwsError("AccessDenied", 403, () => CreateUser(_org.Members[0], "ops"));
        await CreateUser(_org.Members[1], "ops");

        _org.MoveAccount(_org.Members[0].AccountId, _org.RootId);
        await CreateUser(_org.Members[0], "ops");
    }

    [Fact]
    public async Task A_session_assumed_into_a_member_is_limited_by_the_members_scps()
    {
        var member = _org.Members[0];
        _org.AttachServiceControlPolicy(member.AccountId, Expect.Statement("Deny", "iam:CreateUser"));
        var session = await _org.Connect().Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{member.AccountId}:role/{SimulatedOrganization.AccessRoleName}", RoleSessionName = "scp-test" }, None);

        var error = await Expect.AwsError("AccessDenied", 403, () => _org.Connect().ForSession(session).Iam.CreateUserAsync(new CreateUserRequest { UserName = "ops" }, None));

        Assert.Contains($"arn:aws:sts::{member.AccountId}:assumed-role/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_principal_cannot_assume_a_role_when_an_scp_denies_sts_assume_role()
    {
        var (from, to) = (_org.Members[0], _org.Members[1]);
        await to.Connect().Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "peer", AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{from.AccountId}:root\"}}") }, None);
        var request = new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{to.AccountId}:role/peer", RoleSessionName = "scp-test" };
        await from.Connect().Sts.AssumeRoleAsync(request, None);

        _org.AttachServiceControlPolicy(from.AccountId, Expect.Statement("Deny", "sts:AssumeRole"));

        await Expect.AwsError("AccessDenied", 403, () => from.Connect().Sts.AssumeRoleAsync(request, None));
    }

    [Fact]
    public void A_policy_the_engine_refuses_as_an_scp_is_not_attached()
    {
        var error = Assert.Throws<IamOpsException>(() => _org.AttachServiceControlPolicy(_org.RootId, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}"""));

        Assert.Equal("ServiceControlPolicyInvalid", error.ErrorId);
    }
}

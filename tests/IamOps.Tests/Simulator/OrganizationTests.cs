using IamOps.Aws;
using IamOps.Sandbox;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

public sealed class OrganizationTests : IDisposable
{
    private const string Management = "111122223333";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _folder = Directory.CreateTempSubdirectory("iamops-org-").FullName;
    private readonly SimulatedOrganization _org = new(3, Management);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string AccessRoleArn(string accountId) => $"arn:aws:iam::{accountId}:role/{SimulatedOrganization.AccessRoleName}";

    private static Task<AssumedRoleSession> Assume(SimulatorConnection caller, string roleArn, string sessionName = "fanout") =>
        caller.Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName }, None);

    private static SimulatorCredentials Keys(AssumedRoleSession session) =>
        new(session.Credentials.AccessKeyId, session.Credentials.SecretAccessKey, session.Credentials.SessionToken);

    [Fact]
    public async Task Every_member_has_the_access_role_with_administrator_access_trusting_the_management_account()
    {
        Assert.Equal(4, _org.Accounts.Count);
        Assert.Equal(Management, _org.Accounts[0].AccountId);
        Assert.Equal(3, _org.MemberAccountIds.Distinct().Count());
        foreach (var member in _org.Members)
        {
            var iam = member.Connect().Iam;
            var role = await iam.GetRoleAsync(SimulatedOrganization.AccessRoleName, None);
            Assert.Contains($"\"AWS\":\"arn:aws:iam::{Management}:root\"", role.AssumeRolePolicyDocument, StringComparison.Ordinal);
            var attached = await Expect.All(iam.ListAttachedPoliciesAsync(IdentityKind.Role, SimulatedOrganization.AccessRoleName, None));
            Assert.Equal("arn:aws:iam::aws:policy/AdministratorAccess", Assert.Single(attached).PolicyArn);
        }

        await Expect.AwsError("NoSuchEntity", 404, () => _org.Management.Connect().Iam.GetRoleAsync(SimulatedOrganization.AccessRoleName, None));
    }

    [Fact]
    public async Task A_session_assumed_from_the_management_account_works_in_the_member_account_and_the_log_says_so()
    {
        var member = _org.Members[1];
        var session = await Assume(_org.Connect(), AccessRoleArn(member.AccountId));
        Assert.Equal($"arn:aws:sts::{member.AccountId}:assumed-role/{SimulatedOrganization.AccessRoleName}/fanout", session.AssumedRoleArn);

        ISandbox sandbox = _org;
        Assert.True(sandbox.Issued(session.Credentials.AccessKeyId));
        var inMember = sandbox.Connect(session.Credentials.AccessKeyId, session.Credentials.SecretAccessKey, session.Credentials.SessionToken);
        Assert.Equal(member.AccountId, (await inMember.Sts.GetCallerIdentityAsync(None)).Account);
        await inMember.Iam.CreateUserAsync(new CreateUserRequest { UserName = "ops" }, None);

        Assert.Equal("ops", (await member.Connect().Iam.GetUserAsync("ops", None)).UserName);
        await Expect.AwsError("NoSuchEntity", 404, () => _org.Connect().Iam.GetUserAsync("ops", None));
        var created = Assert.Single(member.CallLog.Of("CreateUser"));
        Assert.Equal(member.AccountId, created.Account);
        Assert.Equal(session.AssumedRoleArn, created.Caller);
        Assert.Equal(session.Credentials.AccessKeyId, created.AccessKeyId);
        var assumed = Assert.Single(_org.CallLog.Of("AssumeRole"));
        Assert.Equal(Management, assumed.Account);
        Assert.Equal($"arn:aws:iam::{Management}:user/Administrator", assumed.Caller);
        Assert.Contains(_org.CallLog.Calls, c => c.Operation == "CreateUser" && c.Account == member.AccountId);
    }

    [Fact]
    public async Task Across_accounts_the_callers_own_policy_must_allow_assume_role_too()
    {
        var mgmt = _org.Connect().Iam;
        await mgmt.CreateUserAsync(new CreateUserRequest { UserName = "auditor" }, None);
        var key = await mgmt.CreateAccessKeyAsync("auditor", None);
        var auditor = _org.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));
        var target = AccessRoleArn(_org.MemberAccountIds[0]);

        // The member's role trusts the management account (its root), which delegates to the caller's identity policies.
        var denied = await Expect.AwsError("AccessDenied", 403, () => Assume(auditor, target));
        Assert.Contains("sts:AssumeRole", denied.Message, StringComparison.Ordinal);

        await mgmt.PutInlinePolicyAsync(IdentityKind.User, "auditor", "assume", Expect.Statement("Allow", "sts:AssumeRole", target), None);
        var session = await Assume(auditor, target);
        Assert.StartsWith($"arn:aws:sts::{_org.MemberAccountIds[0]}:assumed-role/", session.AssumedRoleArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_cannot_assume_another_members_access_role_it_is_not_trusted_by()
    {
        var first = _org.Members[0];
        var denied = await Expect.AwsError("AccessDenied", 403, () => Assume(first.Connect(), AccessRoleArn(_org.MemberAccountIds[1])));
        Assert.Contains($"arn:aws:iam::{first.AccountId}:user/Administrator", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_of_an_account_outside_the_organization_cannot_be_assumed()
    {
        await Expect.AwsError("AccessDenied", 403, () => Assume(_org.Connect(), AccessRoleArn("999988887777")));
    }

    [Fact]
    public async Task Keys_of_a_member_accounts_user_route_to_that_account()
    {
        var member = _org.Members[2];
        await member.Connect().Iam.CreateUserAsync(new CreateUserRequest { UserName = "deployer" }, None);
        var key = await member.Connect().Iam.CreateAccessKeyAsync("deployer", None);
        ISandbox sandbox = _org;
        var identity = await sandbox.Connect(key.AccessKeyId, key.SecretAccessKey, null).Sts.GetCallerIdentityAsync(None);
        Assert.Equal($"arn:aws:iam::{member.AccountId}:user/deployer", identity.Arn);
        Assert.Equal(Management, (await sandbox.Connect(null, null, null).Sts.GetCallerIdentityAsync(None)).Account);
        Assert.False(sandbox.Issued("AKIAIOSFODNN7EXAMPLE"));
    }

    [Fact]
    public async Task Roles_assumed_both_ways_at_once_between_two_accounts_finish()
    {
        var (a, b) = (_org.Members[0], _org.Members[1]);
        foreach (var (account, other) in new[] { (a, b), (b, a) })
        {
            await account.Connect().Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "peer", AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{other.AccountId}:root\"}}") }, None);
        }

        var calls = Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            i % 2 == 0 ? Assume(a.Connect(), $"arn:aws:iam::{b.AccountId}:role/peer") : Assume(b.Connect(), $"arn:aws:iam::{a.AccountId}:role/peer")));
        var sessions = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(100, sessions.Count(s => s.AssumedRoleArn.Contains(b.AccountId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_organization_saved_to_a_path_is_reloaded_with_every_accounts_state_and_shared_by_two_openers()
    {
        var path = Path.Combine(_folder, "org.json");
        var first = SimulatedOrganization.Open(path, Management, 2);
        Assert.True(File.Exists(path));
        Assert.All(first.Accounts, a => Assert.True(File.Exists(Path.Combine(_folder, $"org.{a.AccountId}.json"))));
        var second = (SimulatedOrganization)new SandboxFactory().Open(path, null);
        Assert.Equal(first.MemberAccountIds, second.MemberAccountIds);
        Assert.Equal(first.Id, second.Id);

        var member = first.MemberAccountIds[1];
        var session = await Assume(first.Connect(), AccessRoleArn(member));
        await first.Connect(Keys(session)).Iam.CreateUserAsync(new CreateUserRequest { UserName = "ops" }, None);
        Assert.Equal("ops", (await second.Member(member).Connect().Iam.GetUserAsync("ops", None)).UserName);

        var ou = second.NewOrganizationalUnit(second.RootId, "Workloads");
        second.AttachServiceControlPolicy(ou, Expect.Statement("Deny", "iam:CreateGroup"));
        first.MoveAccount(member, ou);
        await Expect.AwsError("AccessDenied", 403, () => first.Member(member).Connect().Iam.CreateGroupAsync("g", null, None));

        var third = SimulatedOrganization.Load(path);
        Assert.Equal(ou, third.Read(s => s.Accounts.Single(a => a.Id == member).ParentId));
        var again = Assert.Throws<IamOpsException>(() => SimulatedOrganization.Open(path, null, 5));
        Assert.Equal("SandboxOrganizationMismatch", again.ErrorId);
        Assert.Contains("2 member accounts", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_account_file_is_not_opened_as_an_organization()
    {
        var path = Path.Combine(_folder, "single.json");
        new SimulatedAccount(Management).Save(path);
        var error = Assert.Throws<IamOpsException>(() => SimulatedOrganization.Open(path, null, 3));
        Assert.Equal("SandboxNotAnOrganization", error.ErrorId);
    }
}

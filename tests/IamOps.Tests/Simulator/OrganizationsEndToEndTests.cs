using IamOps.Aws;
using IamOps.Organizations;
using IamOps.Simulator;
using IamOps.TestEndpoint;
using IamOps.Tests.Aws;

namespace IamOps.Tests.Simulator;

/// <summary>
/// Get-IamOrganizationAccount's listing against a sandbox organization, in process and over HTTP (our JSON 1.1 client
/// against the simulator's Organizations routes), with pages of two so every listing takes several calls.
/// </summary>
public sealed class OrganizationsEndToEndTests : IDisposable
{
    private const string Management = "111122223333";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedOrganization _org = new(5, Management) { PageSize = 2 };
    private readonly string _workloads;
    private readonly string _prod;

    public OrganizationsEndToEndTests()
    {
        _workloads = _org.NewOrganizationalUnit(_org.RootId, "Workloads");
        _prod = _org.NewOrganizationalUnit(_workloads, "Prod");
        _org.MoveAccount(_org.MemberAccountIds[0], _workloads);
        _org.MoveAccount(_org.MemberAccountIds[1], _prod);
        _org.MoveAccount(_org.MemberAccountIds[2], _prod);
        _org.SetAccountStatus(_org.MemberAccountIds[4], "SUSPENDED");
    }

    public void Dispose()
    {
    }

    private static Task<IReadOnlyList<OrganizationAccount>> List(IOrganizations organizations, OrganizationAccountRequest request) =>
        new OrganizationAccountListing(organizations).ListAsync(request, None);

    private OrganizationsJsonClient HttpClient(SimulatorEndpoint endpoint, SimulatorCredentials keys) => new(
        new Amazon.Runtime.BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey),
        new OrganizationsConfig { ServiceURL = endpoint.BaseUrl.ToString(), MaxErrorRetry = 2, Timeout = TimeSpan.FromSeconds(10) });

    [Fact]
    public async Task Every_active_account_is_listed_with_its_ou_path()
    {
        var accounts = await List(_org.Connect().Organizations, new OrganizationAccountRequest());

        var ids = _org.MemberAccountIds;
        Assert.Equal(new[] { Management, ids[0], ids[1], ids[2], ids[3] }.Order(), accounts.Select(a => a.Id).Order());
        var byId = accounts.ToDictionary(a => a.Id);
        Assert.Equal("Root", byId[Management].OuPath);
        Assert.Equal("Root/Workloads", byId[ids[0]].OuPath);
        Assert.Equal("Root/Workloads/Prod", byId[ids[1]].OuPath);
        Assert.Equal(_prod, byId[ids[2]].ParentId);
        Assert.Equal("member-02", byId[ids[1]].Name);
        Assert.Equal("member-02@example.com", byId[ids[1]].Email);
        Assert.Equal(DateTimeKind.Utc, byId[ids[1]].JoinedTimestamp.Kind);
        Assert.Equal($"arn:aws:organizations::{Management}:account/{_org.Id}/{ids[1]}", byId[ids[1]].Arn);
        Assert.True(_org.Management.CallLog.Of("ListAccounts").Count >= 3, "pages of two: six accounts take three ListAccounts calls");
    }

    [Fact]
    public async Task A_parent_lists_its_own_accounts_and_with_recurse_those_below_it()
    {
        var organizations = _org.Connect().Organizations;
        var direct = await List(organizations, new OrganizationAccountRequest { ParentId = _workloads });
        var below = await List(organizations, new OrganizationAccountRequest { ParentId = _workloads, Recurse = true });
        var prod = await List(organizations, new OrganizationAccountRequest { ParentId = _prod });

        Assert.Equal(_org.MemberAccountIds[0], Assert.Single(direct).Id);
        Assert.Equal(3, below.Count);
        Assert.Equal(new[] { "Root/Workloads/Prod", "Root/Workloads/Prod" }, prod.Select(a => a.OuPath));
    }

    [Fact]
    public async Task Status_chooses_which_accounts_are_listed()
    {
        var suspended = await List(_org.Connect().Organizations, new OrganizationAccountRequest { Statuses = new[] { "SUSPENDED" } });
        var both = await List(_org.Connect().Organizations, new OrganizationAccountRequest { Statuses = new[] { "ACTIVE", "SUSPENDED" } });

        Assert.Equal(_org.MemberAccountIds[4], Assert.Single(suspended).Id);
        Assert.Equal(6, both.Count);
    }

    [Fact]
    public async Task Over_http_the_json_client_lists_the_same_accounts_through_several_pages()
    {
        using var endpoint = SimulatorEndpoint.StartOrganization(_org);
        using var client = HttpClient(endpoint, _org.Management.AdministratorCredentials);

        var overHttp = await List(client, new OrganizationAccountRequest { Statuses = new[] { "ACTIVE", "SUSPENDED" } });
        var inProcess = await List(_org.Connect().Organizations, new OrganizationAccountRequest { Statuses = new[] { "ACTIVE", "SUSPENDED" } });

        Assert.Equal(inProcess.Select(a => (a.Id, a.Name, a.Email, a.Status, a.OuPath, a.Arn, a.JoinedTimestamp)), overHttp.Select(a => (a.Id, a.Name, a.Email, a.Status, a.OuPath, a.Arn, a.JoinedTimestamp)));
        var description = await client.DescribeOrganizationAsync(None);
        Assert.Equal(_org.Id, description.Id);
        Assert.Equal(Management, description.ManagementAccountId);
        Assert.Equal("Prod", (await client.DescribeOrganizationalUnitAsync(_prod, None)).Name);
    }

    [Fact]
    public async Task Over_http_a_member_account_is_denied_and_a_missing_parent_is_not_found()
    {
        using var endpoint = SimulatorEndpoint.StartOrganization(_org);
        using var member = HttpClient(endpoint, _org.Members[3].AdministratorCredentials);
        using var management = HttpClient(endpoint, _org.Management.AdministratorCredentials);

        var denied = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.CollectAsync(member.ListAccountsAsync(None)));
        var missing = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.CollectAsync(management.ListAccountsForParentAsync("ou-zzzz-zzzzzzzz", None)));

        Assert.Equal("AwsAccessDenied", denied.ErrorId);
        Assert.Equal(FailureKind.PermissionDenied, denied.Kind);
        Assert.Equal("AwsParentNotFound", missing.ErrorId);
        Assert.Equal(FailureKind.ObjectNotFound, missing.Kind);
    }

    [Fact]
    public async Task Over_http_a_throttled_call_is_retried_and_the_listing_completes()
    {
        using var endpoint = SimulatorEndpoint.StartOrganization(_org);
        using var client = HttpClient(endpoint, _org.Management.AdministratorCredentials);
        _org.Management.Faults.FailCall(1, "TooManyRequestsException", 400);

        var roots = await IamExchange.CollectAsync(client.ListRootsAsync(None));

        Assert.Equal(_org.RootId, Assert.Single(roots).Id);
        Assert.Equal(new[] { "TooManyRequestsException", "Success" }, _org.Management.CallLog.Of("ListRoots").Select(c => c.Outcome));
    }

    [Fact]
    public async Task A_single_account_is_not_in_an_organization()
    {
        var account = new SimulatedAccount("444455556666");
        using var endpoint = SimulatorEndpoint.Start(account);
        using var client = HttpClient(endpoint, account.AdministratorCredentials);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.DescribeOrganizationAsync(None));
        var inProcess = await Assert.ThrowsAsync<IamOpsException>(() => List(account.Connect().Organizations, new OrganizationAccountRequest()));

        Assert.Equal("AwsAWSOrganizationsNotInUse", error.ErrorId);
        Assert.Equal("AwsAWSOrganizationsNotInUse", inProcess.ErrorId);
    }

    [Fact]
    public async Task A_caller_whose_policy_does_not_allow_listing_is_denied()
    {
        var iam = _org.Connect().Iam;
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "reader" }, None);
        await iam.PutInlinePolicyAsync(IdentityKind.User, "reader", "iam-only", Expect.Statement("Allow", "iam:*"), None);
        var key = await iam.CreateAccessKeyAsync("reader", None);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => List(_org.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey)).Organizations, new OrganizationAccountRequest()));

        Assert.Equal("AwsAccessDenied", error.ErrorId);
        Assert.Contains("organizations:ListRoots", error.Message, StringComparison.Ordinal);
    }
}

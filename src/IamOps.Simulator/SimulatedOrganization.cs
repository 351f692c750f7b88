using System.Globalization;
using System.Text.RegularExpressions;
using IamOps.Aws;
using IamOps.Sandbox;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// An AWS organization in memory: a management account and member accounts, each a <see cref="SimulatedAccount"/> with
/// its own IAM state, each member with an <see cref="AccessRoleName"/> (AdministratorAccess) that trusts the management
/// account, as AWS Organizations creates it. Roles assumed across its accounts issue sessions in the role's account, and
/// the sandbox routes any key one of its accounts issued to that account. Service control policies attached to the root,
/// OUs and accounts limit the principals of member accounts level by level (<see cref="ServiceControlLevels"/>).
/// </summary>
/// <remarks>
/// This file holds the accounts and the sandbox's door; SimulatedOrganization.Structure (OUs, SCPs, moves),
/// SimulatedOrganization.Persistence (the state files). Lock order: an account's lock, then the organization's; never
/// the other way round.
/// </remarks>
public sealed partial class SimulatedOrganization : ISandbox
{
    /// <summary>The role AWS Organizations creates in each account it creates, trusting the management account.</summary>
    public const string AccessRoleName = "OrganizationAccountAccessRole";

    /// <summary>How many member accounts a sandbox organization may hold (AWS's default quota is 10, raised on request).</summary>
    public const int MaxMemberAccounts = 500;

    private readonly List<SimulatedAccount> _accounts;
    private readonly Dictionary<string, SimulatedAccount> _byId;

    /// <param name="memberAccounts">How many member accounts to create, 1 to <see cref="MaxMemberAccounts"/>.</param>
    /// <param name="managementAccountId">12 digits; a random id when null.</param>
    /// <param name="clock">The time source of every account; the system clock when null.</param>
    public SimulatedOrganization(int memberAccounts, string? managementAccountId = null, SimulatorClock? clock = null)
    {
        if (memberAccounts < 1 || memberAccounts > MaxMemberAccounts)
        {
            throw new ArgumentOutOfRangeException(nameof(memberAccounts), memberAccounts, $"A sandbox organization holds 1 to {MaxMemberAccounts} member accounts.");
        }

        var management = new SimulatedAccount(managementAccountId, clock);
        var now = management.Now;
        var rootId = SecretGenerator.OrganizationsId("r-", 4);
        State = new OrganizationState
        {
            Id = SecretGenerator.OrganizationsId("o-", 10),
            ManagementAccountId = management.AccountId,
            RootId = rootId,
            Created = now,
        };
        State.Policies[FullAwsAccessPolicyId] = new ServiceControlPolicyState { Id = FullAwsAccessPolicyId, Name = "FullAWSAccess", Content = FullAwsAccessDocument, AwsManaged = true };
        State.Attachments[rootId] = new List<string> { FullAwsAccessPolicyId };
        _accounts = new List<SimulatedAccount> { management };
        State.Accounts.Add(new OrganizationAccountState { Id = management.AccountId, Name = "management", Email = "management@example.com", JoinedMethod = "CREATED", JoinedTimestamp = now, ParentId = rootId });
        State.Attachments[management.AccountId] = new List<string> { FullAwsAccessPolicyId };
        var ids = new HashSet<string>(StringComparer.Ordinal) { management.AccountId };
        for (var i = 1; i <= memberAccounts; i++)
        {
            string id;
            do
            {
                id = SecretGenerator.AccountId();
            }
            while (!ids.Add(id));

            var member = new SimulatedAccount(id, clock);
            member.SeedOrganizationAccessRole(management.AccountId);
            _accounts.Add(member);
            var name = "member-" + i.ToString("00", CultureInfo.InvariantCulture);
            State.Accounts.Add(new OrganizationAccountState { Id = id, Name = name, Email = name + "@example.com", JoinedMethod = "CREATED", JoinedTimestamp = now, ParentId = rootId });
            State.Attachments[id] = new List<string> { FullAwsAccessPolicyId };
        }

        _byId = _accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        Join();
    }

    private SimulatedOrganization(OrganizationState state, List<SimulatedAccount> accounts)
    {
        State = state;
        _accounts = accounts;
        _byId = _accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        Join();
    }

    /// <summary>The organization's id (o-…).</summary>
    public string Id => State.Id;

    /// <summary>The root's id (r-…): the parent of top-level OUs and accounts.</summary>
    public string RootId => State.RootId;

    /// <summary>The management account's id: the sandbox's account, whose administrator the session works as by default.</summary>
    public string AccountId => State.ManagementAccountId;

    public SimulatedAccount Management => _accounts[0];

    /// <summary>Every account, the management account first, then the members in the order they were created.</summary>
    public IReadOnlyList<SimulatedAccount> Accounts => _accounts;

    public IReadOnlyList<SimulatedAccount> Members => _accounts.Skip(1).ToList();

    /// <summary>The ids of the member accounts, in the order they were created.</summary>
    public IReadOnlyList<string> MemberAccountIds => _accounts.Skip(1).Select(a => a.AccountId).ToList();

    /// <summary>Every call any of the accounts received, in order of arrival (each marked with its account and signing key).</summary>
    public CallLog CallLog { get; } = new();

    /// <summary>The time source of every account; replace it with a <see cref="ManualClock"/> to test time.</summary>
    public SimulatorClock Clock
    {
        get => Management.Clock;
        set
        {
            foreach (var account in _accounts)
            {
                account.Clock = value;
            }
        }
    }

    /// <summary>
    /// The most items an Organizations listing returns per page (1 to 20, AWS's maximum and the default); lower it to
    /// make a small organization take several pages.
    /// </summary>
    public int PageSize
    {
        get => _pageSize;
        set => _pageSize = value is >= 1 and <= 20 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "An Organizations page holds 1 to 20 items.");
    }

    private int _pageSize = 20;

    /// <summary>The sandbox's time: the management account's.</summary>
    public DateTime UtcNow => Management.UtcNow;

    internal OrganizationState State { get; private set; }

    internal object Gate { get; } = new();

    /// <summary>The member account <paramref name="accountId"/>; fails for the management account or an account not in the organization.</summary>
    public SimulatedAccount Member(string accountId) =>
        accountId != AccountId && _byId.TryGetValue(accountId ?? string.Empty, out var account)
            ? account
            : throw new IamOpsException("SandboxAccountNotFound", FailureKind.ObjectNotFound,
                $"The sandbox organization {Id} has no member account {accountId}. Its members: {string.Join(", ", MemberAccountIds)} (the management account is {AccountId}: use .Management).", accountId);

    /// <summary>Any account of the organization by id, the management account included; null when it holds none.</summary>
    public SimulatedAccount? Find(string accountId) => _byId.TryGetValue(accountId ?? string.Empty, out var account) ? account : null;

    /// <summary>A connection as the management account's administrator.</summary>
    public SimulatorConnection Connect() => Management.Connect();

    /// <summary>A connection signing with <paramref name="credentials"/>, in the account that issued them (the management account when none did).</summary>
    public SimulatorConnection Connect(SimulatorCredentials credentials) =>
        (AccountIssuing((credentials ?? throw new ArgumentNullException(nameof(credentials))).AccessKeyId) ?? Management).Connect(credentials);

    IAwsConnection ISandbox.Connect(string? accessKeyId, string? secretAccessKey, string? sessionToken) =>
        accessKeyId is null ? Connect() : Connect(new SimulatorCredentials(accessKeyId, secretAccessKey ?? string.Empty, sessionToken));

    /// <summary>Whether one of the organization's accounts issued <paramref name="accessKeyId"/>.</summary>
    public bool Issued(string accessKeyId) => AccountIssuing(accessKeyId) is not null;

    /// <summary>The account that issued <paramref name="accessKeyId"/> (a user's key or a role session's), or null.</summary>
    public SimulatedAccount? AccountIssuing(string accessKeyId) => _accounts.FirstOrDefault(a => a.Issued(accessKeyId));

    /// <summary>The code of a virtual MFA device of any of the accounts (its serial number names the account).</summary>
    public string MfaCode(string serialNumber, DateTime? at)
    {
        var match = Regex.Match(serialNumber ?? string.Empty, @"^arn:aws:iam::(\d{12}):mfa/");
        var account = match.Success ? Find(match.Groups[1].Value) ?? Management : Management;
        return account.MfaCode(serialNumber!, at);
    }

    /// <summary>Adds buckets owned by the management account.</summary>
    public void AddBuckets(IEnumerable<string> bucketNames, string region) => Management.AddBuckets(bucketNames, region);

    /// <summary>Adds EC2 instances to the management account.</summary>
    public void AddInstances(IEnumerable<string> instanceIds) => Management.AddInstances(instanceIds);

    /// <summary>Ages every account of the organization alike.</summary>
    public void AdvanceClock(TimeSpan by)
    {
        foreach (var account in _accounts)
        {
            account.AdvanceClock(by);
        }
    }

    private void Join()
    {
        foreach (var account in _accounts)
        {
            account.Organization = this;
        }
    }
}

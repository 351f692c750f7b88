using System.Text.RegularExpressions;
using IamOps.Aws;
using IamOps.Sandbox;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// An AWS account in memory: IAM users, groups, roles, policies, instance profiles, MFA devices, STS sessions and S3
/// buckets, EC2 instances' instance profiles, with IAM's documented rules enforced. Thread-safe: every call runs under one lock. Connect to it in process
/// with <see cref="Connect()"/>; tests serve it over HTTP with SimulatorEndpoint (tests/IamOps.TestEndpoint).
/// </summary>
/// <remarks>
/// This file holds the account's identity, settings and services; the other parts: SimulatedAccount.Calls (the path
/// every API call takes), SimulatedAccount.Persistence (the state file), SimulatedAccount.Fixtures (the sandbox's own
/// setup: buckets, instances, MFA codes); <see cref="CallerAuthenticator"/> and <see cref="AccessKeyIndex"/> authenticate,
/// <see cref="FaultSchedule"/> injects faults, <see cref="PrincipalAuthorizer"/> authorizes.
/// </remarks>
public sealed partial class SimulatedAccount : ISandbox
{
    /// <summary>The user the sandbox's default credentials belong to, seeded in every new account.</summary>
    public const string AdministratorUserName = "Administrator";

    private SimulatorClock _clock;

    /// <param name="accountId">12 digits; a random id when null.</param>
    /// <param name="clock">The time source; the system clock when null.</param>
    public SimulatedAccount(string? accountId = null, SimulatorClock? clock = null)
    {
        accountId ??= SecretGenerator.AccountId();
        if (!Regex.IsMatch(accountId, @"^\d{12}$"))
        {
            throw new ArgumentException($"An account id is 12 digits; '{accountId}' is not.", nameof(accountId));
        }

        _clock = clock ?? SimulatorClock.System;
        State = new AccountState { AccountId = accountId };
        Iam = new IamService(this);
        Sts = new StsService(this);
        Ec2 = new Ec2Service(this);
        Authorizer = new PrincipalAuthorizer(this);
        Authenticator = new CallerAuthenticator(this);
        Simulator = new PolicySimulator(this);
        AdministratorCredentials = Iam.SeedAdministrator();
    }

    private SimulatedAccount(AccountState state, SimulatorClock? clock)
    {
        _clock = clock ?? SimulatorClock.System;
        State = state;
        Iam = new IamService(this);
        Sts = new StsService(this);
        Ec2 = new Ec2Service(this);
        Authorizer = new PrincipalAuthorizer(this);
        Authenticator = new CallerAuthenticator(this);
        Simulator = new PolicySimulator(this);
        var administrator = state.Users.TryGetValue(AdministratorUserName, out var user) ? user.AccessKeys.FirstOrDefault() : null;
        AdministratorCredentials = administrator is null
            ? throw new IamOpsException("SandboxStateInvalid", FailureKind.InvalidData, $"The state has no access key for the user {AdministratorUserName}; it was not written by the simulator.")
            : new SimulatorCredentials(administrator.AccessKeyId, administrator.SecretAccessKey);
        Keys.Rebuild(State);
    }

    public string AccountId => State.AccountId;

    /// <summary>The time source; replace it with a <see cref="ManualClock"/> to test MFA codes, expiry and delays.</summary>
    public SimulatorClock Clock
    {
        get => Volatile.Read(ref _clock);
        set => Volatile.Write(ref _clock, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The access key of <see cref="AdministratorUserName"/>: the sandbox's default credentials.</summary>
    public SimulatorCredentials AdministratorCredentials { get; }

    public FaultSchedule Faults { get; } = new();

    /// <summary>The adjustable account quotas; saved with the account.</summary>
    public AccountQuotas Quotas => State.Quotas;

    public CallLog CallLog { get; } = new();

    /// <summary>
    /// Eventual consistency: for this long after creation a role cannot be assumed and an access key is not valid.
    /// Zero (the default) makes every change visible at once.
    /// </summary>
    public TimeSpan PropagationDelay { get; set; }

    /// <summary>
    /// Whether callers' policies decide what they may do (the policy engine, as IAM evaluates one account). On by
    /// default; the administrator has AdministratorAccess, so only principals with narrower policies notice.
    /// </summary>
    public bool EnforcePermissions { get; set; } = true;

    /// <summary>
    /// PBKDF2 iterations for console passwords set from now on. Tests that create thousands of login profiles (the
    /// fault sweep) lower it; each stored hash records its own count.
    /// </summary>
    internal int PasswordHashIterations { get; set; } = PasswordHash.DefaultIterations;

    internal AccountState State { get; private set; }

    internal IamService Iam { get; }

    internal StsService Sts { get; }

    internal Ec2Service Ec2 { get; }

    internal PrincipalAuthorizer Authorizer { get; }

    internal CallerAuthenticator Authenticator { get; }

    internal AccessKeyIndex Keys { get; } = new();

    internal PolicySimulator Simulator { get; }

    internal object Gate { get; } = new();

    /// <summary>A connection with the administrator's credentials.</summary>
    public SimulatorConnection Connect() => new(this, AdministratorCredentials);

    /// <summary>A connection that signs as whoever owns <paramref name="credentials"/>; they are checked on each call, as AWS does.</summary>
    public SimulatorConnection Connect(SimulatorCredentials credentials) => new(this, credentials ?? throw new ArgumentNullException(nameof(credentials)));

    /// <summary>The sandbox's door: null keys mean the administrator; a wrong secret fails each call with SignatureDoesNotMatch.</summary>
    IAwsConnection ISandbox.Connect(string? accessKeyId, string? secretAccessKey, string? sessionToken) =>
        accessKeyId is null ? Connect() : Connect(new SimulatorCredentials(accessKeyId, secretAccessKey ?? string.Empty, sessionToken));

    /// <summary>Whether this account issued <paramref name="accessKeyId"/>: a user's access key or a role session's.</summary>
    public bool Issued(string accessKeyId)
    {
        lock (Gate)
        {
            return Keys.Contains(accessKeyId) || State.Sessions.ContainsKey(accessKeyId);
        }
    }

    /// <summary>The account's time in whole seconds, the precision IAM reports dates with, so in-process and HTTP answers agree.</summary>
    internal DateTime Now
    {
        get
        {
            var now = Clock.UtcNow;
            return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        }
    }

    internal void IndexKey(string accessKeyId, string userName) => Keys.Add(accessKeyId, userName);

    internal void UnindexKey(string accessKeyId) => Keys.Remove(accessKeyId);

    /// <summary>The secret that signs for <paramref name="accessKeyId"/>, or null when no such key exists.</summary>
    internal string? FindSecret(string accessKeyId)
    {
        lock (Gate)
        {
            return Authenticator.FindSecret(accessKeyId);
        }
    }
}

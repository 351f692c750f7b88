using System.Text.RegularExpressions;
using IamOps.Aws;
using IamOps.Sandbox;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// An AWS account in memory: IAM users, groups, roles, policies, instance profiles, MFA devices, STS sessions and S3
/// buckets, EC2 instances' instance profiles, with IAM's documented rules enforced. Thread-safe: every call runs under one lock. Connect to it in process
/// with <see cref="Connect()"/>, or serve it over HTTP with <see cref="SimulatorEndpoint.Start"/>.
/// </summary>
public sealed partial class SimulatedAccount : ISandbox
{
    /// <summary>The user the sandbox's default credentials belong to, seeded in every new account.</summary>
    public const string AdministratorUserName = "Administrator";

    private readonly Dictionary<string, string> _keyOwners = new(StringComparer.Ordinal);
    private long _callCount;
    private readonly TokenBucket _rateLimit = new();
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
        Simulator = new PolicySimulator(this);
        var administrator = state.Users.TryGetValue(AdministratorUserName, out var user) ? user.AccessKeys.FirstOrDefault() : null;
        AdministratorCredentials = administrator is null
            ? throw new IamOpsException("SandboxStateInvalid", FailureKind.InvalidData, $"The state has no access key for the user {AdministratorUserName}; it was not written by the simulator.")
            : new SimulatorCredentials(administrator.AccessKeyId, administrator.SecretAccessKey);
        RebuildKeyIndex();
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

    /// <summary>
    /// When set, the account is kept in this file: each change that succeeds is saved under a lock that other processes
    /// using the same file respect, and a change another process saved is read before the next call.
    /// </summary>
    public string? StatePath
    {
        get => _stateFile?.FilePath;
        set
        {
            _stateFile = value is null ? null : new SharedStateFile(value);
            _stateFile?.MarkSeen();
        }
    }

    private SharedStateFile? _stateFile;

    internal AccountState State { get; private set; }

    internal IamService Iam { get; }

    internal StsService Sts { get; }

    internal Ec2Service Ec2 { get; }

    internal PrincipalAuthorizer Authorizer { get; }

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
            return _keyOwners.ContainsKey(accessKeyId) || State.Sessions.ContainsKey(accessKeyId);
        }
    }

    /// <summary>Adds an S3 bucket (S3 itself is not simulated beyond ListBuckets, HeadBucket and GetBucketLocation).</summary>
    /// <param name="ownerAccountId">Another account's id makes a bucket that exists but is not ours (403).</param>
    public void AddBucket(string bucketName, string region = "us-east-1", string? ownerAccountId = null)
    {
        lock (Gate)
        {
            State.Buckets[bucketName] = new BucketState { Name = bucketName, Region = region, OwnerAccountId = ownerAccountId ?? AccountId };
        }
    }

    /// <summary>Adds a running EC2 instance with no instance profile (EC2 itself is not simulated beyond instance profile associations).</summary>
    /// <param name="instanceId">i- followed by 8 or 17 lowercase hex digits; null makes one up.</param>
    /// <returns>The instance id.</returns>
    public string AddInstance(string? instanceId = null)
    {
        instanceId ??= SecretGenerator.Ec2Id("i");
        if (!Ec2Service.IsInstanceId(instanceId))
        {
            throw new ArgumentException($"An instance id is i- followed by 8 or 17 lowercase hex digits; '{instanceId}' is not.", nameof(instanceId));
        }

        lock (Gate)
        {
            State.Instances[instanceId] = new InstanceState { InstanceId = instanceId };
        }

        return instanceId;
    }

    /// <summary>The name of the instance profile associated with an instance added by <see cref="AddInstance"/>, or null when it has none.</summary>
    public string? InstanceProfileOf(string instanceId)
    {
        lock (Gate)
        {
            return State.Instances.TryGetValue(instanceId, out var instance)
                ? instance.Association?.InstanceProfileName
                : throw new IamOpsException("AwsInvalidInstanceID.NotFound", FailureKind.ObjectNotFound, $"The instance ID '{instanceId}' does not exist", instanceId);
        }
    }

    /// <summary>The otpauth:// URI of a virtual MFA device (what its QR code holds), for authenticator apps.</summary>
    public string VirtualMfaOtpAuthUri(string serialNumber)
    {
        lock (Gate)
        {
            if (!State.MfaDevices.TryGetValue(serialNumber, out var device))
            {
                throw new IamOpsException("AwsNoSuchEntity", FailureKind.ObjectNotFound, $"No virtual MFA device {serialNumber}.", serialNumber);
            }

            return Iam.OtpAuthUri(device);
        }
    }

    /// <inheritdoc />
    public string MfaCode(string serialNumber, DateTime? at)
    {
        lock (Gate)
        {
            if (_stateFile?.ChangedElsewhere() == true)
            {
                State = _stateFile.Reload();
                RebuildKeyIndex();
            }

            return State.MfaDevices.TryGetValue(serialNumber, out var device)
                ? TimeBasedOneTimePassword.Compute(device.Base32Seed, at ?? Now)
                : throw new IamOpsException("MfaDeviceNotFound", FailureKind.ObjectNotFound,
                    $"The sandbox account {AccountId} has no MFA device {serialNumber}. Its virtual devices are created with New-IamAdminBaseline or Add-IamDeveloper -EnableVirtualMfa.", serialNumber);
        }
    }

    /// <inheritdoc />
    public void AddBuckets(IEnumerable<string> bucketNames, string region) => ChangeAndSave(() =>
    {
        foreach (var name in bucketNames.Where(n => !State.Buckets.ContainsKey(n)))
        {
            State.Buckets[name] = new BucketState { Name = name, Region = region, OwnerAccountId = AccountId };
        }
    });

    /// <inheritdoc />
    public void AddInstances(IEnumerable<string> instanceIds)
    {
        var ids = instanceIds.ToList();
        foreach (var id in ids.Where(i => !Ec2Service.IsInstanceId(i)))
        {
            throw new IamOpsException("InstanceIdInvalid", FailureKind.InvalidArgument, $"'{id}' is not an EC2 instance id: i- followed by 8 or 17 lowercase hex digits, e.g. i-0123456789abcdef0.", id);
        }

        ChangeAndSave(() =>
        {
            foreach (var id in ids.Where(i => !State.Instances.ContainsKey(i)))
            {
                State.Instances[id] = new InstanceState { InstanceId = id };
            }
        });
    }

    /// <summary>
    /// A hardware MFA token handed to someone of the account (a fixture: IAM has no call that creates one). Enable it for
    /// a user with EnableMFADevice and two consecutive codes from <see cref="MfaCode"/>.
    /// </summary>
    public void AddHardwareMfaDevice(string serialNumber) => ChangeAndSave(() =>
    {
        try
        {
            Iam.AddHardwareMfaDevice(serialNumber);
        }
        catch (ServiceError error)
        {
            throw new IamOpsException("HardwareMfaDeviceInvalid", FailureKind.InvalidArgument, error.Message, serialNumber);
        }
    });

    /// <summary>A change made outside an API call (the sandbox's own setup), on the newest state and saved as calls are: under the state file's lock.</summary>
    private void ChangeAndSave(Action change)
    {
        lock (Gate)
        {
            using var held = _stateFile?.Lock();
            if (_stateFile?.ChangedElsewhere() == true)
            {
                State = _stateFile.Reload();
                RebuildKeyIndex();
            }

            change();
            _stateFile?.Save(State);
        }
    }

    /// <summary>Writes the account to <paramref name="path"/> atomically (temp file, then rename), readable by the owner only.</summary>
    public void Save(string path)
    {
        lock (Gate)
        {
            AccountStateFile.Write(path, State);
        }
    }

    /// <summary>Reads an account saved by <see cref="Save"/>; a corrupt or foreign file fails with SandboxStateInvalid and is left as it is.</summary>
    public static SimulatedAccount Load(string path, SimulatorClock? clock = null) => new(AccountStateFile.Read(path), clock);

    /// <summary>The account's time in whole seconds, the precision IAM reports dates with, so in-process and HTTP answers agree.</summary>
    internal DateTime Now
    {
        get
        {
            var now = Clock.UtcNow;
            return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        }
    }

    internal void IndexKey(string accessKeyId, string userName) => _keyOwners[accessKeyId] = userName;

    internal void UnindexKey(string accessKeyId) => _keyOwners.Remove(accessKeyId);

    /// <summary>The secret that signs for <paramref name="accessKeyId"/>, or null when no such key exists.</summary>
    internal string? FindSecret(string accessKeyId)
    {
        lock (Gate)
        {
            return FindSecretLocked(accessKeyId);
        }
    }

    /// <summary>
    /// Runs one call: numbers it, applies a scheduled fault, authenticates the caller, applies the operation under the
    /// lock, saves when asked, and logs the outcome.
    /// </summary>
    /// <param name="permission">What the caller must be allowed (null: nothing, as for GetCallerIdentity).</param>
    /// <summary>Added to every call, to model the round trip to a remote service (benchmarks of batch behaviour).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Mutating calls allowed per second across all callers (a token bucket holding one second's worth); beyond it a
    /// call fails with Throttling, as IAM's rate limits do. Zero, the default, means no limit.
    /// </summary>
    public double MutatingCallsPerSecond { get; set; }

    internal T Invoke<T>(SimulatorCredentials credentials, string service, string operation, bool mutating, Func<CallerPrincipal, T> apply, Func<CallerPrincipal, Permission?>? permission = null)
    {
        if (Latency > TimeSpan.Zero)
        {
            Thread.Sleep(Latency);
        }

        var number = Interlocked.Increment(ref _callCount);
        if (mutating && !_rateLimit.TryTake(MutatingCallsPerSecond, Clock.UtcNow))
        {
            CallLog.Add(new SimulatorCall(number, service, operation, mutating, "Throttling", null, false));
            throw new ServiceError("Throttling", 400, "Rate exceeded");
        }

        var fault = Faults.Take(number, operation);
        string? caller = null;
        if (fault is { AfterApply: false })
        {
            CallLog.Add(new SimulatorCall(number, service, operation, mutating, fault.Outcome, null, false));
            throw FaultError(fault);
        }

        T result;
        lock (Gate)
        {
            try
            {
                using var held = mutating ? _stateFile?.Lock() : null;
                if (_stateFile?.ChangedElsewhere() == true)
                {
                    State = _stateFile.Reload();
                    RebuildKeyIndex();
                }

                var principal = Authenticate(credentials, service);
                caller = principal.Arn;
                if (principal.UserSession is { MultiFactorAuthPresent: false } && service == "iam")
                {
                    // As in AWS: GetSessionToken credentials without MFA cannot call IAM at all.
                    throw ServiceError.AccessDenied($"User: {principal.Arn} is not authorized to perform: iam:{operation} because no MFA authentication information is included in the request: GetSessionToken credentials call IAM only when made with an MFA code.");
                }

                if (EnforcePermissions && permission?.Invoke(principal) is { } needed)
                {
                    Demand(principal, needed, service);
                }

                result = apply(principal);
                if (mutating)
                {
                    _stateFile?.Save(State);
                }
            }
            catch (ServiceError error)
            {
                CallLog.Add(new SimulatorCall(number, service, operation, mutating, error.Code, caller, false));
                throw;
            }
            catch (Exception ex) when (ex is not IamOpsException)
            {
                CallLog.Add(new SimulatorCall(number, service, operation, mutating, "InternalFailure", caller, false));
                throw;
            }
        }

        if (fault is not null)
        {
            CallLog.Add(new SimulatorCall(number, service, operation, mutating, fault.Outcome, caller, mutating));
            throw FaultError(fault);
        }

        CallLog.Add(new SimulatorCall(number, service, operation, mutating, "Success", caller, mutating));
        return result;
    }

    internal void RebuildKeyIndex()
    {
        _keyOwners.Clear();
        foreach (var user in State.Users.Values)
        {
            foreach (var key in user.AccessKeys)
            {
                _keyOwners[key.AccessKeyId] = user.Name;
            }
        }
    }

    private string? FindSecretLocked(string accessKeyId)
    {
        if (State.Sessions.TryGetValue(accessKeyId, out var session))
        {
            return session.SecretAccessKey;
        }

        return _keyOwners.TryGetValue(accessKeyId, out var owner) && State.Users.TryGetValue(owner, out var user)
            ? user.AccessKeys.FirstOrDefault(k => k.AccessKeyId == accessKeyId)?.SecretAccessKey
            : null;
    }

    /// <summary>EC2 words a denial its own way: UnauthorizedOperation, not AccessDenied.</summary>
    private void Demand(CallerPrincipal principal, Permission needed, string service)
    {
        try
        {
            Authorizer.Demand(principal, needed);
        }
        catch (ServiceError denied) when (service == "ec2" && denied.Code == "AccessDenied")
        {
            throw new ServiceError("UnauthorizedOperation", 403, "You are not authorized to perform this operation. " + denied.Message);
        }
    }

    private static Exception FaultError(FaultSchedule.ScheduledFault fault) => fault.Error ?? (Exception)(fault.Kind switch
    {
        FaultKind.Throttling => new ServiceError("Throttling", 400, "Rate exceeded"),
        FaultKind.ServiceFailure => new ServiceError("ServiceFailure", 500, "The request processing has failed because of an unknown error, exception or failure.", senderFault: false),
        _ => new InjectedTransportFault(fault.Kind),
    });

    private CallerPrincipal Authenticate(SimulatorCredentials credentials, string service)
    {
        var now = Now;
        var secret = FindSecretLocked(credentials.AccessKeyId);
        if (secret is not null && !string.Equals(secret, credentials.SecretAccessKey, StringComparison.Ordinal))
        {
            throw new ServiceError("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        if (State.Sessions.TryGetValue(credentials.AccessKeyId, out var session))
        {
            if (!string.Equals(session.SessionToken, credentials.SessionToken, StringComparison.Ordinal))
            {
                throw ServiceError.InvalidClientTokenId();
            }

            if (now >= session.Expiration)
            {
                throw new ServiceError(service == "sts" ? "ExpiredTokenException" : "ExpiredToken", service == "sts" ? 400 : 403, "The security token included in the request is expired");
            }

            if (session.UserName is not null)
            {
                return State.Users.TryGetValue(session.UserName, out var sessionUser) ? CallerPrincipal.ForUserSession(AccountId, sessionUser, session) : throw ServiceError.InvalidClientTokenId();
            }

            var rolePath = State.Roles.TryGetValue(session.RoleName, out var role) ? role.Path : "/";
            return CallerPrincipal.ForSession(AccountId, session, rolePath);
        }

        if (credentials.SessionToken is null
            && _keyOwners.TryGetValue(credentials.AccessKeyId, out var owner)
            && State.Users.TryGetValue(owner, out var user))
        {
            var key = user.AccessKeys.First(k => k.AccessKeyId == credentials.AccessKeyId);
            // The administrator's key predates any propagation delay a test sets.
            var visible = now >= key.CreateDate + PropagationDelay || key.AccessKeyId == AdministratorCredentials.AccessKeyId;
            if (key.Status == "Active" && visible)
            {
                key.LastUsedDate = now;
                key.LastUsedService = service;
                key.LastUsedRegion = "us-east-1";
                return CallerPrincipal.ForUser(AccountId, user, key.AccessKeyId);
            }
        }

        throw ServiceError.InvalidClientTokenId();
    }
}

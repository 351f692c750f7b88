using Amazon;
using Amazon.Runtime;
using IamOps.Aws;
using IamOps.Connection;
using IamOps.Baseline;
using IamOps.BucketAccess;
using IamOps.Developers;
using IamOps.Offboarding;
using IamOps.RoleAssume;
using IamOps.RoleGrant;
using IamOps.Simulator;
using IamOps.Tests.Baseline;
using IamOps.Tests.BucketAccess;
using IamOps.Tests.Developers;
using IamOps.Tests.Offboarding;
using IamOps.Tests.RoleGrant;
using IamOps.Tests.Simulator;

namespace IamOps.Tests.Reliability;

/// <summary>
/// The mutating scenarios the fault sweep covers. Adding one is one entry: a name, a fresh account with its
/// preconditions, and a run through the operation's planner and applier (reuse the scenario tests' runners).
/// </summary>
internal static class SweepScenarios
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Declared before All, which uses it: static fields initialize in order.
    private static readonly IReadOnlyList<SweepFault> HttpFaults = SweepFaults.All.Where(f => f != SweepFault.ThrottlingBeyondRetries).ToList();

    public static readonly IReadOnlyList<SweepScenario> All = new SweepScenario[]
    {
        new("baseline", () => Baseline(new BaselineRequest { AccountAlias = "acme-demo", AdminUserNames = new[] { "alice" }, ProgrammaticAccess = true })),
        new("developer", () => Developers(OnboardingScenarioTests.Dev("alice") with { ProgrammaticAccess = true })),
        new("developers-batch-of-10", () => Developers(Enumerable.Range(0, 10)
            .Select(i => OnboardingScenarioTests.Dev($"dev{i:00}", i % 2 == 0 ? new[] { "Developers", "Ops" } : new[] { "Developers" }) with { ProgrammaticAccess = true })
            .ToArray())),
        new("developer-virtual-mfa", () => Developers(OnboardingScenarioTests.Dev("alice") with { EnableVirtualMfa = true })),
        new("baseline-virtual-mfa", () => Baseline(new BaselineRequest { AdminUserNames = new[] { "alice", "bob" }, EnableVirtualMfa = true })),
        new("bucket-grant-user-inline", () => Grant(IdentityKind.User, managed: false)),
        new("bucket-grant-user-managed", () => Grant(IdentityKind.User, managed: true)),
        new("service-role-ec2", () => Grant(IdentityKind.Role, managed: false, "ec2.amazonaws.com")),
        new("bucket-revoke", Revoke),
        new("role-assume", RoleAssume, "AssumeRole"),
        new("role-grant-user", () => RoleGrant(SimulatedRoleGrants.ForUser("deployer", "alice") with
        {
            RequireMfa = true,
            PolicyArns = new[] { "arn:aws:iam::aws:policy/ReadOnlyAccess" },
            MaxSessionDuration = 7200,
        })),
        new("role-grant-ec2-instance", () => RoleGrant(SimulatedRoleGrants.ForServices("app", "ec2.amazonaws.com") with
        {
            PolicyArns = new[] { "arn:aws:iam::aws:policy/AmazonRDSFullAccess" },
            InstanceIds = new[] { "i-0123456789abcdef0" },
        })),
        new("role-revoke-user", () => RoleRevoke(SimulatedRoleGrants.ForUser("deployer", "alice"),
            new RoleRevokeRequest { RoleName = "deployer", GranteeKind = RoleGranteeKind.User, Grantees = new[] { "alice" }, RevokeSessions = true })),
        new("role-revoke-ec2-delete-role", () => RoleRevoke(SimulatedRoleGrants.ForServices("app", "ec2.amazonaws.com") with { PolicyArns = new[] { "arn:aws:iam::aws:policy/AmazonRDSFullAccess" } },
            new RoleRevokeRequest { RoleName = "app", GranteeKind = RoleGranteeKind.Service, Grantees = new[] { "ec2.amazonaws.com" }, DeleteRole = true })),
        new("developer-removal", () => Offboarding(new OffboardingRequest { UserName = "alice" })),
        new("developer-disable", () => Offboarding(new OffboardingRequest { UserName = "alice", Disable = true })),

        // Through IamOps' own IAM and STS clients against the simulator's HTTP endpoint: the SDK's retries take part.
        // Throttling beyond retries is swept in process (over HTTP it costs the SDK's backoff at every call).
        new("developer-over-http", () => OverHttp("210987654321", connection => Developers(connection, OnboardingScenarioTests.Dev("alice") with { ProgrammaticAccess = true }))) { Faults = HttpFaults },
        new("baseline-over-http", () => OverHttp("123456789012", connection => Baseline(connection, new BaselineRequest { AccountAlias = "acme-demo", AdminUserNames = new[] { "alice" }, ProgrammaticAccess = true }))) { Faults = HttpFaults },
    };


    public static SweepScenario Named(string name) => All.Single(s => s.Name == name);

    private static Task<ScenarioInstance> Baseline(BaselineRequest request)
    {
        var account = new SimulatedAccount("123456789012");
        return Task.FromResult(new ScenarioInstance(account, Baseline(account.Connect(), request)));
    }

    private static Func<Task<bool>> Baseline(IAwsConnection connection, BaselineRequest request) => async () =>
    {
        var (controls, credentials) = await BaselineScenarioTests.RunAsync(connection, request);
        foreach (var control in controls.Where(c => c.Control == "AdminUser"))
        {
            var credential = credentials.SingleOrDefault(c => control.Title.Contains($"'{c.UserName}'", StringComparison.Ordinal));
            Delivered(control.Changes, "Created console password", credential?.InitialPassword, control.Title);
            Delivered(control.Changes, "Created access key", credential?.SecretAccessKey, control.Title);
        }

        foreach (var control in controls.Where(c => c.Title.StartsWith("MFA device for", StringComparison.Ordinal)))
        {
            var credential = credentials.SingleOrDefault(c => control.Title.Contains($"'{c.UserName}'", StringComparison.Ordinal));
            Delivered(control.Changes, "Created virtual MFA device", credential?.MfaSeed, control.Title);
        }

        return controls.All(c => c.Status != ControlStatus.Failed);
    };

    /// <summary>A change that applied and makes a secret must have handed it out.</summary>
    private static void Delivered(IEnumerable<string> changes, string change, object? secret, string owner)
    {
        if (secret is null && changes.Any(c => c.StartsWith(change, StringComparison.Ordinal)))
        {
            throw new SecretNotDeliveredException($"'{change}' applied for {owner} but its secret was not handed out");
        }
    }

    /// <summary>
    /// An account served over HTTP, and the run through the connection IamOps makes for -EndpointUrl (standard
    /// retries, its timeouts); a withheld answer ends after 50 ms instead of IamOps' 30-second timeout.
    /// </summary>
    private static Task<ScenarioInstance> OverHttp(string accountId, Func<IAwsConnection, Func<Task<bool>>> run)
    {
        var account = new SimulatedAccount(accountId);
        account.Faults.TimeoutHold = TimeSpan.FromMilliseconds(50);
        var endpoint = SimulatorEndpoint.Start(account);
        var keys = account.AdministratorCredentials;
        var connection = AwsConnection.For(new ResolvedConnection(new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey), "sweep", RegionEndpoint.USEast1, "sweep", endpoint.BaseUrl, cacheKey: null));
        return Task.FromResult(new ScenarioInstance(account, run(connection), resources: endpoint));
    }

    /// <summary>
    /// Add-IamDeveloper at -ThrottleLimit 1, so calls come in the same order every run and call k is the same call; a
    /// failed group change is an error record in the cmdlet, so it counts as a reported failure here.
    /// </summary>
    private static Task<ScenarioInstance> Developers(params DeveloperRequest[] requests)
    {
        var account = new SimulatedAccount("210987654321");
        return Task.FromResult(new ScenarioInstance(account, Developers(account.Connect(), requests)));
    }

    private static Func<Task<bool>> Developers(IAwsConnection connection, params DeveloperRequest[] requests) => async () =>
    {
        var groupFailed = false;
        var results = await OnboardingScenarioTests.OnboardAsync(connection, requests, throttleLimit: 1, backoff: _ => TimeSpan.Zero, groupChangeFailed: _ => groupFailed = true);
        foreach (var result in results)
        {
            Delivered(result.Changes, "Created console password", result.InitialPassword, "user " + result.UserName);
            Delivered(result.Changes, "Created access key", result.SecretAccessKey, "user " + result.UserName);
            Delivered(result.Changes, "Created virtual MFA device", result.MfaSeed, "user " + result.UserName);
        }

        return !groupFailed && results.All(r => r.Status != DeveloperStatus.Failed);
    };

    /// <summary>
    /// Remove-IamDeveloper of a user carrying every dependent kind (console password, two keys, signing certificate, SSH
    /// key, service-specific credential, virtual MFA, two groups, inline, attached, boundary), at -ThrottleLimit 1.
    /// </summary>
    private static async Task<ScenarioInstance> Offboarding(OffboardingRequest request)
    {
        var account = await OffboardingScenarioTests.AccountWithLoadedUserAsync(request.UserName);
        return new ScenarioInstance(account, async () =>
        {
            var results = await OffboardingScenarioTests.OffboardAsync(account.Connect(), new[] { request }, throttleLimit: 1, backoff: _ => TimeSpan.Zero);
            return results.All(r => r.Status != OffboardingStatus.Failed);
        });
    }

    /// <summary>Grant-IamBucketAccess: Write on one prefix, to an existing user, or to a service role it creates with its instance profile.</summary>
    private static async Task<ScenarioInstance> Grant(IdentityKind kind, bool managed, params string[] trustServices)
    {
        var sim = new SimulatedGrants();
        sim.Account.AddBucket("acme-reports");
        var name = kind == IdentityKind.Role ? "backup-writer" : "uploader";
        if (kind == IdentityKind.User)
        {
            await sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = name }, None);
        }

        var request = SimulatedGrants.Request(kind, name, "acme-reports", "reports/", BucketAccessLevel.Write, trustServices) with { AsManagedPolicy = managed };
        return new ScenarioInstance(sim.Account, async () =>
        {
            await sim.GrantAsync(request);
            return true;
        });
    }

    /// <summary>Grant-IamRoleAssume: the role, its trust, managed policies and maximum, the grantee's permission, and for EC2 the profile on an instance.</summary>
    private static async Task<ScenarioInstance> RoleGrant(RoleGrantRequest request)
    {
        var sim = new SimulatedRoleGrants();
        await sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        sim.Account.AddInstance("i-0123456789abcdef0");
        return new ScenarioInstance(sim.Account, async () =>
        {
            await sim.GrantAsync(request);
            return true;
        });
    }

    /// <summary>Revoke-IamRoleAssume of what <paramref name="grant"/> gave (the grant runs fault-free first).</summary>
    private static async Task<ScenarioInstance> RoleRevoke(RoleGrantRequest grant, RoleRevokeRequest revoke)
    {
        var sim = new SimulatedRoleGrants();
        await sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        await sim.GrantAsync(grant);
        return new ScenarioInstance(sim.Account, async () =>
        {
            await sim.RevokeAsync(revoke);
            return true;
        });
    }

    /// <summary>Revoke-IamBucketAccess of everything a user holds on a bucket: an inline grant and a managed one with two versions.</summary>
    private static async Task<ScenarioInstance> Revoke()
    {
        var sim = new SimulatedGrants();
        sim.Account.AddBucket("acme-reports");
        await sim.Iam.CreateUserAsync(new CreateUserRequest { UserName = "uploader" }, None);
        await sim.GrantAsync(SimulatedGrants.Request(IdentityKind.User, "uploader", "acme-reports", "logs/"));
        await sim.GrantAsync(SimulatedGrants.Request(IdentityKind.User, "uploader", "acme-reports", "reports/") with { AsManagedPolicy = true });
        await sim.GrantAsync(SimulatedGrants.Request(IdentityKind.User, "uploader", "acme-reports", "reports/", BucketAccessLevel.Write) with { AsManagedPolicy = true });
        return new ScenarioInstance(sim.Account, async () =>
        {
            await sim.RevokeAsync(IdentityKind.User, "uploader", "acme-reports");
            return true;
        });
    }

    /// <summary>
    /// Invoke-IamRoleAssume -Verify for two hours as a user the role trusts (so the role's maximum is read first), with
    /// the runspace's session cache; it changes no IAM state, so converging means the cache holds one session.
    /// </summary>
    private static async Task<ScenarioInstance> RoleAssume()
    {
        var clock = new ManualClock(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc));
        var account = new SimulatedAccount("111122223333", clock);
        var admin = account.Connect();
        await admin.Iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        var key = await admin.Iam.CreateAccessKeyAsync("alice", None);
        await admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "deploy", MaxSessionDuration = 7200, AssumeRolePolicyDocument = Expect.Trust($"{{\"AWS\":\"arn:aws:iam::{account.AccountId}:user/alice\"}}") }, None);
        await admin.Iam.PutInlinePolicyAsync(IdentityKind.Role, "deploy", "read", Expect.Statement("Allow", "s3:GetObject"), None);
        var alice = account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));
        var cache = new RoleSessionCache(() => clock.UtcNow);
        var assumption = new RoleAssumption(alice, cache, "sweep", s => account.Connect(new SimulatorCredentials(s.AccessKeyId, IamOps.Secrets.SecretText.ToPlainText(s.SecretAccessKey), IamOps.Secrets.SecretText.ToPlainText(s.SessionToken))), admin.Iam);
        return new ScenarioInstance(account, async () =>
        {
            var session = await assumption.AssumeAsync(new RoleAssumeRequest { RoleName = "deploy", DurationSeconds = 7200, Verify = true }, None);
            return session.VerifiedIdentity?.Arn == session.AssumedRoleArn;
        }, () => $"cached sessions {cache.Count}\n");
    }
}

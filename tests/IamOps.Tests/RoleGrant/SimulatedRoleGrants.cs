using System.Text.Json;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.RoleAssume;
using IamOps.RoleGrant;
using IamOps.Simulator;

namespace IamOps.Tests.RoleGrant;

/// <summary>Runs Grant-IamRoleAssume's planner against a simulated account the way the cmdlet does: plan, then apply each change in order.</summary>
internal sealed class SimulatedRoleGrants
{
    public const string AccountId = "111122223333";
    public static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);
    private static readonly CancellationToken None = CancellationToken.None;

    public SimulatedRoleGrants()
    {
        Clock = new ManualClock(Start);
        Account = new SimulatedAccount(AccountId, Clock);
        Aws = Account.Connect();
    }

    public ManualClock Clock { get; }

    public SimulatedAccount Account { get; }

    public SimulatorConnection Aws { get; }

    public IIam Iam => Aws.Iam;

    /// <summary>The waits the appliers asked for; each moves the simulated clock instead of sleeping.</summary>
    public List<TimeSpan> Waits { get; } = new();

    public static RoleGrantRequest ForUser(string role, string user) => new() { RoleName = role, GranteeKind = RoleGranteeKind.User, Grantees = new[] { user } };

    public static RoleGrantRequest ForGroup(string role, string group) => new() { RoleName = role, GranteeKind = RoleGranteeKind.Group, Grantees = new[] { group } };

    public static RoleGrantRequest ForAccounts(string role, params string[] accounts) => new() { RoleName = role, GranteeKind = RoleGranteeKind.Account, Grantees = accounts };

    public static RoleGrantRequest ForServices(string role, params string[] services) => new() { RoleName = role, GranteeKind = RoleGranteeKind.Service, Grantees = services };

    public async Task<RoleGrantPlan> PlanAsync(RoleGrantRequest request)
    {
        RoleGrantPlanner.Validate(request);
        var context = await AccountContext.LoadAsync(Aws, None);
        return await new RoleGrantPlanner(Aws, context, (delay, _) =>
        {
            Waits.Add(delay);
            Clock.Advance(delay);
            return Task.CompletedTask;
        }).PlanAsync(request, None);
    }

    public async Task<RoleGrantPlan> GrantAsync(RoleGrantRequest request)
    {
        var plan = await PlanAsync(request);
        foreach (var change in plan.Changes)
        {
            await change.Apply(None);
        }

        return plan;
    }

    /// <summary>Revoke-IamRoleAssume's planner as the cmdlet runs it: plan, then (unless -WhatIf) apply each change in order.</summary>
    public async Task<RoleRevokePlan> RevokeAsync(RoleRevokeRequest request, bool apply = true)
    {
        RoleRevokePlanner.Validate(request);
        var context = await AccountContext.LoadAsync(Aws, None);
        var plan = await new RoleRevokePlanner(Aws, context, () => Clock.UtcNow).PlanAsync(request, None);
        if (apply)
        {
            foreach (var change in plan.Changes)
            {
                await change.Apply(None);
            }
        }

        return plan;
    }

    /// <summary>How many mutating calls <paramref name="action"/> made.</summary>
    public async Task<int> MutatingCallsOfAsync(Func<Task> action)
    {
        var before = Account.CallLog.MutatingCalls.Count;
        await action();
        return Account.CallLog.MutatingCalls.Count - before;
    }

    /// <summary>A user with an access key of its own, and a connection that signs with it.</summary>
    public async Task<SimulatorConnection> UserAsync(string name)
    {
        await Iam.CreateUserAsync(new CreateUserRequest { UserName = name }, None);
        var key = await Iam.CreateAccessKeyAsync(name, None);
        return Account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey));
    }

    /// <summary>Invoke-IamRoleAssume's logic as <paramref name="caller"/>.</summary>
    public RoleAssumption AssumeAs(IAwsConnection caller) =>
        new(caller, new RoleSessionCache(() => Clock.UtcNow), "test",
            s => Account.Connect(new SimulatorCredentials(s.AccessKeyId, IamOps.Secrets.SecretText.ToPlainText(s.SecretAccessKey), IamOps.Secrets.SecretText.ToPlainText(s.SessionToken))), Iam);

    public async Task<JsonElement[]> TrustStatementsAsync(string role)
    {
        var document = (await Iam.GetRoleAsync(role, None)).AssumeRolePolicyDocument;
        using var parsed = JsonDocument.Parse(document);
        var statements = parsed.RootElement.GetProperty("Statement");
        return (statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToArray() : new[] { statements }).Select(s => s.Clone()).ToArray();
    }
}

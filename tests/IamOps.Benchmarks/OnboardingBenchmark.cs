using System.Diagnostics;
using System.Globalization;
using IamOps.Accounts;
using IamOps.Developers;
using IamOps.Planning;
using IamOps.Simulator;

namespace IamOps.Benchmarks;

/// <summary>
/// Add-IamDeveloper's batch against a simulated account with 50 ms per call and 10 mutating calls per second:
/// wall time beside the throttle-bound minimum (mutating calls / rate) and beside a sequential loop, in one run.
/// </summary>
public static class OnboardingBenchmark
{
    private const double Rate = 10;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    public static int Run(string[] args)
    {
        var users = args.Length > 1 && args[0] == "--users" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var requests = Enumerable.Range(0, users).Select(i => new DeveloperRequest { UserName = $"dev{i:D4}" }).ToList();

        var (batchSeconds, batchWrites, batchFailed) = Time(account => BatchAsync(account, requests));
        var (loopSeconds, loopWrites, loopFailed) = Time(account => LoopAsync(account, requests));
        var minimum = batchWrites / Rate;
        Console.WriteLine($"users: {users}; latency {Latency.TotalMilliseconds} ms per call; {Rate} mutating calls per second");
        Console.WriteLine($"batch_seconds: {batchSeconds:F1} ({batchWrites} mutating calls applied, {batchFailed} users failed)");
        Console.WriteLine($"throttle_bound_minimum_seconds: {minimum:F1}");
        Console.WriteLine($"batch_vs_minimum: {batchSeconds / minimum:F2} (goal <= 1.25)");
        Console.WriteLine($"sequential_loop_seconds: {loopSeconds:F1} ({loopWrites} mutating calls applied, {loopFailed} users failed)");
        Console.WriteLine($"sequential_vs_batch: {loopSeconds / batchSeconds:F2}");
        return 0;
    }

    private static (double Seconds, int Writes, int Failed) Time(Func<SimulatedAccount, Task<int>> run)
    {
        var account = new SimulatedAccount("123456789012");
        var iam = account.Connect().Iam;
        iam.CreateGroupAsync("Developers", null, CancellationToken.None).GetAwaiter().GetResult();
        iam.UpdateAccountPasswordPolicyAsync(new Aws.PasswordPolicy { MinimumPasswordLength = 14, AllowUsersToChangePassword = true }, CancellationToken.None).GetAwaiter().GetResult();
        account.Latency = Latency;
        account.MutatingCallsPerSecond = Rate;
        account.CallLog.Clear();
        var clock = Stopwatch.StartNew();
        var failed = run(account).GetAwaiter().GetResult();
        clock.Stop();
        return (clock.Elapsed.TotalSeconds, account.CallLog.Changes.Count, failed);
    }

    /// <summary>What Add-IamDeveloper does with a piped batch and the default -ThrottleLimit of 4.</summary>
    private static async Task<int> BatchAsync(SimulatedAccount account, IReadOnlyList<DeveloperRequest> requests)
    {
        var connection = account.Connect();
        var batch = new OnboardingBatch(connection, throttleLimit: 4);
        var context = await AccountContext.LoadAsync(connection, CancellationToken.None);
        var policy = await batch.ReadPasswordPolicyAsync(CancellationToken.None);
        var groups = await batch.PlanGroupsAsync(requests, policy, context.Partition, CancellationToken.None);
        var planned = await batch.PlanUsersAsync(requests, groups, policy, CancellationToken.None);
        var outcomes = await batch.ApplyAsync(planned, CancellationToken.None);
        return outcomes.Count(o => o.Outcome.Failure is not null);
    }

    /// <summary>The loop a runbook writes without IamOps' batch: one user after another, each planned and applied alone.</summary>
    private static async Task<int> LoopAsync(SimulatedAccount account, IReadOnlyList<DeveloperRequest> requests)
    {
        var failed = 0;
        foreach (var request in requests)
        {
            var connection = account.Connect();
            var batch = new OnboardingBatch(connection, throttleLimit: 1);
            var planned = await batch.PlanUsersAsync(new[] { request }, new GroupSetup(Array.Empty<PlannedChange>(), Array.Empty<string>()), null, CancellationToken.None);
            var applied = await batch.ApplyInOrderAsync(planned[0].Plan?.Changes ?? Array.Empty<PlannedChange>(), CancellationToken.None);
            failed += applied.Any(a => a.Outcome == ChangeOutcome.Failed) || planned[0].Failure is not null ? 1 : 0;
        }

        return failed;
    }
}

using System.Diagnostics;
using System.Globalization;
using IamOps.Simulator;

namespace IamOps.Tests.Reliability;

/// <summary>
/// Runs one scenario fault-free for reference, then for every call k of that run and every <see cref="SweepFault"/>:
/// a fresh account, the fault at call k, the run, the run again without faults, and once more; and checks that the
/// account converges on the reference.
/// </summary>
internal static class FaultSweep
{
    public static async Task<SweepResult> RunAsync(SweepScenario scenario, IReadOnlyList<SweepFault>? faults = null)
    {
        faults ??= scenario.Faults;
        var clock = Stopwatch.StartNew();
        using var reference = await PrepareAsync(scenario);
        var before = LastCallNumber(reference.Account);
        var problems = new List<string>();
        if (!await reference.RunAsync())
        {
            problems.Add("the fault-free run reported a failure");
        }

        var calls = reference.Account.CallLog.Calls.Where(c => c.Number > before).ToList();
        var expected = reference.Snapshot();
        var expectedOrphans = AccountSnapshot.Orphans(reference.Account);
        var expectedKeys = AccountSnapshot.AccessKeyCounts(reference.Account);
        var afterReference = LastCallNumber(reference.Account);
        if (!await reference.RunAsync() || Redone(reference.Account, afterReference, scenario).Count > 0 || reference.Snapshot() != expected)
        {
            problems.Add("re-running the fault-free run did not leave everything as it was");
        }

        var tried = 0;
        var converged = 0;
        foreach (var call in calls)
        {
            foreach (var fault in faults)
            {
                tried++;
                var label = string.Create(CultureInfo.InvariantCulture, $"{fault} at call {call.Number - before} ({call.Operation})");
                var found = await TryScheduleAsync(scenario, call, fault, expected, expectedOrphans, expectedKeys);
                if (found.Count == 0)
                {
                    converged++;
                }
                else
                {
                    problems.AddRange(found.Select(p => label + ": " + p));
                }
            }
        }

        return new SweepResult(scenario.Name, calls.Count, calls.Count(c => c.IsMutating), faults.Count, tried, converged, expectedOrphans, problems, clock.Elapsed);
    }

    private static async Task<List<string>> TryScheduleAsync(SweepScenario scenario, SimulatorCall call, SweepFault fault, string expected, IReadOnlyList<string> expectedOrphans, IReadOnlyDictionary<string, int> expectedKeys)
    {
        var problems = new List<string>();
        using var instance = await PrepareAsync(scenario);
        var account = instance.Account;
        account.Faults.Schedule(fault, call.Number);

        var reported = await RunOnceAsync(instance, problems, "the faulted run");
        var hit = account.CallLog.Calls.FirstOrDefault(c => c.Number == call.Number);
        if (hit is null || hit.Operation != call.Operation || hit.Succeeded)
        {
            problems.Add($"the fault did not fire at {call.Operation} (got {hit?.Operation ?? "no call"} {hit?.Outcome}): the run is not deterministic");
        }

        if (reported == true && instance.Snapshot() != expected)
        {
            problems.Add("the faulted run reported success but the account differs from the fault-free run's:\n" + Difference(expected, instance.Snapshot()));
        }

        account.Faults.Clear();
        if (await RunOnceAsync(instance, problems, "the re-run") != true)
        {
            problems.Add("the re-run without faults did not report success");
        }

        var snapshot = instance.Snapshot();
        if (snapshot != expected)
        {
            problems.Add("after the re-run the account differs from the fault-free run's:\n" + Difference(expected, snapshot));
        }

        var mark = LastCallNumber(account);
        if (await RunOnceAsync(instance, problems, "the second re-run") != true)
        {
            problems.Add("the second re-run did not report success");
        }

        var redone = Redone(account, mark, scenario);
        if (redone.Count > 0)
        {
            problems.Add("the second re-run still made " + string.Join(", ", redone.Select(c => c.Operation + " " + c.Outcome)));
        }

        var orphans = AccountSnapshot.Orphans(account);
        if (!orphans.SequenceEqual(expectedOrphans))
        {
            problems.Add("left behind: " + string.Join("; ", orphans.Except(expectedOrphans)));
        }

        problems.AddRange(AccountSnapshot.ExtraAccessKeys(account, expectedKeys).Select(k => "duplicate access key: " + k));
        return problems;
    }

    /// <summary>A fresh instance; console passwords hashed with one PBKDF2 iteration, as the sweep sets thousands of them.</summary>
    private static async Task<ScenarioInstance> PrepareAsync(SweepScenario scenario)
    {
        var instance = await scenario.PrepareAsync();
        instance.Account.PasswordHashIterations = 1;
        return instance;
    }

    /// <summary>Runs once; null when it ended in a terminating error (an IamOpsException), as a cmdlet's would.</summary>
    private static async Task<bool?> RunOnceAsync(ScenarioInstance instance, List<string> problems, string which)
    {
        try
        {
            return await instance.RunAsync();
        }
        catch (IamOpsException)
        {
            return null;
        }
        catch (SecretNotDeliveredException lost)
        {
            problems.Add($"{which}: {lost.Message}");
            return null;
        }
        catch (Exception unhandled)
        {
            problems.Add($"{which} threw {unhandled.GetType().Name}, not an IamOpsException: {unhandled.Message}");
            return null;
        }
    }

    private static long LastCallNumber(SimulatedAccount account) => account.CallLog.Calls.LastOrDefault()?.Number ?? 0;

    private static List<SimulatorCall> Redone(SimulatedAccount account, long after, SweepScenario scenario) =>
        account.CallLog.Calls.Where(c => c.Number > after && (c.IsMutating || scenario.EffectOperations.Contains(c.Operation))).ToList();

    private static string Difference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        return string.Join("\n", want.Except(got).Select(l => "  - " + l).Concat(got.Except(want).Select(l => "  + " + l)));
    }
}

/// <summary>What one scenario's sweep tried and found.</summary>
internal sealed record SweepResult(string Scenario, int Calls, int MutatingCalls, int FaultKinds, int Tried, int Converged, IReadOnlyList<string> ReferenceOrphans, IReadOnlyList<string> Problems, TimeSpan Elapsed)
{
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Scenario,-26} calls {Calls,3} (mutating {MutatingCalls,2}) x {FaultKinds} fault kinds: schedules tried {Tried,4}, converged {Converged,4}, problems {Problems.Count}, orphans in reference {ReferenceOrphans.Count}, {Elapsed.TotalSeconds:0.0} s");
}

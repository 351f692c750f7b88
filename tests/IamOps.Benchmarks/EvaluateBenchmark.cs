using System.Diagnostics;
using System.Globalization;
using IamOps.Policy;

namespace IamOps.Benchmarks;

/// <summary>Evaluates every request of a workload repeatedly on one thread for a few seconds and reports decisions per second.</summary>
public static class EvaluateBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: evaluate <workload.json> [--seconds N]");
            return 2;
        }

        var path = args[0];
        var seconds = args.Length >= 3 && args[1] == "--seconds" ? double.Parse(args[2], CultureInfo.InvariantCulture) : 3.0;
        var compileClock = Stopwatch.StartNew();
        var workload = Workload.Load(path);
        compileClock.Stop();
        var set = workload.Policies;
        var requests = workload.Requests;

        // The decisions file comes from the explaining path, so both paths are exercised and must agree.
        var decisions = new EvaluationDecision[requests.Length];
        using (var output = new StreamWriter(path + ".decisions.jsonl"))
        {
            for (var i = 0; i < requests.Length; i++)
            {
                decisions[i] = set.Evaluate(requests[i]).Decision;
                if (set.Decide(requests[i]) != decisions[i])
                {
                    Console.Error.WriteLine($"request {i}: Decide and Evaluate disagree");
                    return 1;
                }

                output.WriteLine(FormattableString.Invariant($"{{\"index\":{i},\"decision\":\"{decisions[i]}\"}}"));
            }
        }

        Warm(set, requests);
        var (rate, bytesPerDecision, cpuRate) = Measure(seconds, () =>
        {
            var count = 0L;
            foreach (var request in requests)
            {
                set.Decide(request);
                count++;
            }

            return count;
        });
        var (explainedRate, _, _) = Measure(Math.Max(1, seconds / 3), () =>
        {
            foreach (var request in requests)
            {
                set.Evaluate(request);
            }

            return requests.Length;
        });

        Console.WriteLine($"policies: {set.IdentityPolicies.Count} identity, {workload.StatementCount} statements in all; requests: {requests.Length}");
        Console.WriteLine($"decisions: {decisions.Count(d => d == EvaluationDecision.Allowed)} Allowed, {decisions.Count(d => d == EvaluationDecision.ExplicitDeny)} ExplicitDeny, {decisions.Count(d => d == EvaluationDecision.ImplicitDeny)} ImplicitDeny");
        Console.WriteLine(FormattableString.Invariant($"compile_ms: {compileClock.Elapsed.TotalMilliseconds:F1}"));
        Console.WriteLine(FormattableString.Invariant($"allocated_bytes_per_decision: {bytesPerDecision:F2}"));
        Console.WriteLine(FormattableString.Invariant($"explained_decisions_per_second: {explainedRate:F0}"));
        Console.WriteLine(FormattableString.Invariant($"decisions_per_cpu_second: {cpuRate:F0} (process CPU time; differs from wall time when the machine is busy)"));
        Console.WriteLine(FormattableString.Invariant($"decisions_per_second: {rate:F0}"));
        Console.WriteLine($"decisions written to {path}.decisions.jsonl");
        return 0;
    }

    private static void Warm(PolicySet set, AuthorizationRequest[] requests)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 500)
        {
            foreach (var request in requests)
            {
                set.Decide(request);
            }
        }
    }

    private static (double Rate, double BytesPerDecision, double CpuRate) Measure(double seconds, Func<long> pass)
    {
        var budget = TimeSpan.FromSeconds(seconds);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var count = 0L;
        while (clock.Elapsed < budget)
        {
            count += pass();
        }

        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (count / clock.Elapsed.TotalSeconds, (double)allocated / count, count / cpu.TotalSeconds);
    }
}

namespace IamOps.Benchmarks;

/// <summary>Dispatches on the first argument; add a subcommand by adding a line to <see cref="Commands"/>.</summary>
public static class Program
{
    private static readonly Dictionary<string, (string Usage, Func<string[], int> Run)> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["evaluate"] = ("evaluate <workload.json> [--seconds N]   decisions per second on one thread; writes <workload.json>.decisions.jsonl", EvaluateBenchmark.Run),
        ["lint"] = ("lint [--quick]                           lint of a 6 KB policy (BenchmarkDotNet; --quick: Stopwatch only)", LintBenchmark.Run),
        ["workload"] = ("workload <out.json> [--seed N]          writes a workload of 20 identity policies x 10 statements and 1,000 requests", WorkloadGenerator.Run),
        ["import"] = ("import                                   cold Import-Module of IamOps beside a one-cmdlet module", ImportBenchmark.Run),
        ["import-pwsh"] = ("import-pwsh                              the same, each sample a fresh real pwsh 7.6.10 (dotnet tool restore first)", ImportBenchmark.RunInPwsh),
        ["state-file"] = ("state-file                               1,000 reads and changes on a sandbox in memory vs kept in a shared state file", StateFileBenchmark.Run),
        ["iam-client"] = ("iam-client [--calls N] [--warmup N] [--endpoint URL]  IAM GetUser calls per second and bytes allocated per call", IamClientBenchmark.Run),
        ["simulator"] = ("simulator                                state save/load and memory for 10,000 users; endpoint requests/s", SimulatorBenchmark.Run),
        ["onboarding"] = ("onboarding [--users N]                   Add-IamDeveloper batch vs the throttle-bound minimum and a sequential loop (50 ms/call, 10 writes/s)", OnboardingBenchmark.Run),
        ["fan-out"] = ("fan-out [--accounts N] [--throttle-limit N] [--alone-samples N] [--no-sequential]  Invoke-IamInAccount baseline in N accounts (50 ms/call, 10 writes/s each) vs one account alone and vs sequential", FanOutBenchmark.Run),
        ["credential-report"] = ("credential-report [--users N]            parse a simulator-made credential report of 5,000 users (target < 1 s)", CredentialReportBenchmark.Run),
        ["security-report"] = ("security-report [--users N]              review 5,000 users and 1,000 roles and render the HTML page (after the two reads)", SecurityReportBenchmark.Run),
        ["import-once"] = ("import-once <manifest>                   (child process of import)", ImportBenchmark.RunOnce),
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project tests/IamOps.Benchmarks -- <command>");
            foreach (var entry in Commands.Values)
            {
                Console.Error.WriteLine("  " + entry.Usage);
            }

            return 2;
        }

        return command.Run(args[1..]);
    }
}

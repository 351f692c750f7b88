using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace IamOps.Benchmarks;

/// <summary>
/// Invoke-IamInAccount running New-IamAdminBaseline in every member account of a sandbox organization, each account
/// with 50 ms per call and its own limit of 10 mutating calls per second: wall time at -ThrottleLimit 16 beside the
/// slowest single account's baseline run alone, and beside the same accounts one after another (-ThrottleLimit 1).
/// Each measurement uses a fresh organization (a baseline already applied would make no writes). Runs the real cmdlet
/// in a runspace with the module imported from the repository's manifest, as a user would.
/// </summary>
public static class FanOutBenchmark
{
    private const double Rate = 10;
    private const int Latency = 50;

    public static int Run(string[] args)
    {
        var accounts = Option(args, "--accounts", 50);
        var throttle = Option(args, "--throttle-limit", 16);
        var alone = Option(args, "--alone-samples", 3);
        var skipSequential = args.Contains("--no-sequential");

        // The simulator's latency blocks a thread (Thread.Sleep) where a real HTTP call would not; enough pool threads
        // make it behave like waiting on the network instead of measuring the thread pool's slow growth.
        ThreadPool.SetMinThreads(Math.Max(64, throttle * 4), Math.Max(64, throttle * 4));
        using var runspace = OpenRunspace();

        Measure(runspace, 1, 1); // warm-up: the first run also pays for JIT and the first module import
        var aloneSeconds = Enumerable.Range(0, alone).Select(_ => Measure(runspace, 1, 1).Seconds).ToList();
        var slowestAlone = aloneSeconds.Max();
        var samples = Option(args, "--samples", 3);
        var parallel = Median(Enumerable.Range(0, samples).Select(_ => Measure(runspace, accounts, throttle)));
        var waves = (int)Math.Ceiling(accounts / (double)throttle);
        Console.WriteLine($"accounts: {accounts}; latency {Latency} ms per call; {Rate} mutating calls per second per account; baseline (New-IamAdminBaseline) per account");
        Console.WriteLine($"single_account_alone_seconds: {string.Join(", ", aloneSeconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} (slowest {slowestAlone:F2})");
        Console.WriteLine($"fan_out_seconds: {parallel.Seconds:F2} at -ThrottleLimit {throttle}, median of {samples} ({parallel.Writes} mutating calls applied, {parallel.Failed} accounts failed)");
        Console.WriteLine($"fan_out_vs_slowest_alone: {parallel.Seconds / slowestAlone:F2} (goal <= 1.3)");
        Console.WriteLine($"fan_out_vs_waves_of_alone: {parallel.Seconds / (waves * slowestAlone):F2} (wall time / ({waves} waves of {throttle} x slowest alone))");
        // The same accounts all at once (a limit as high as the accounts): what the fan-out costs beyond the waves a
        // lower limit makes. At -ThrottleLimit 16 no design can beat ceil(50 / 16) = 4 waves of an account's chore.
        if (throttle < accounts && accounts <= 64)
        {
            var together = Median(Enumerable.Range(0, samples).Select(_ => Measure(runspace, accounts, accounts)));
            Console.WriteLine($"fan_out_all_at_once_seconds: {together.Seconds:F2} at -ThrottleLimit {accounts}, median of {samples} ({together.Writes} mutating calls applied, {together.Failed} accounts failed)");
            Console.WriteLine($"all_at_once_vs_slowest_alone: {together.Seconds / slowestAlone:F2}");
        }

        if (!skipSequential)
        {
            var sequential = Measure(runspace, accounts, 1);
            Console.WriteLine($"sequential_seconds: {sequential.Seconds:F2} at -ThrottleLimit 1 ({sequential.Writes} mutating calls applied, {sequential.Failed} accounts failed)");
            Console.WriteLine($"sequential_vs_fan_out: {sequential.Seconds / parallel.Seconds:F2}");
        }

        return 0;
    }

    private static (double Seconds, long Writes, int Failed) Median(IEnumerable<(double Seconds, long Writes, int Failed)> runs)
    {
        var sorted = runs.OrderBy(r => r.Seconds).ToList();
        return sorted[sorted.Count / 2];
    }

    private static (double Seconds, long Writes, int Failed) Measure(Runspace runspace, int accounts, int throttle)
    {
        Invoke(runspace, "Enter-IamSandbox -MemberAccount $args[0] | Out-Null\n" +
            "foreach ($id in $IamOpsSandbox.MemberAccountIds) { $m = $IamOpsSandbox.Member($id); $m.Latency = [timespan]::FromMilliseconds($args[1]); $m.MutatingCallsPerSecond = $args[2]; $m.CallLog.Clear() }",
            accounts, Latency, Rate);
        var clock = Stopwatch.StartNew();
        var result = Invoke(runspace, "$IamOpsSandbox.MemberAccountIds | Invoke-IamInAccount -ThrottleLimit $args[0] -Summary -ErrorAction SilentlyContinue -WarningAction SilentlyContinue { New-IamAdminBaseline -AccountAlias \"acme-$($_.Id)\" -AdminUserName ops }", throttle);
        clock.Stop();
        var failed = (int)result[^1].Properties["Failed"].Value;
        var writes = Invoke(runspace, "$n = 0; foreach ($id in $IamOpsSandbox.MemberAccountIds) { $n += $IamOpsSandbox.Member($id).CallLog.Changes.Count }; $n");
        Invoke(runspace, "Exit-IamSandbox -WarningAction SilentlyContinue");
        return (clock.Elapsed.TotalSeconds, Convert.ToInt64(writes[0].BaseObject, CultureInfo.InvariantCulture), failed);
    }

    private static Runspace OpenRunspace()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        Invoke(runspace, "Import-Module $args[0] -ErrorAction Stop", Path.Combine(RepoRoot(), "IamOps.psd1"));
        return runspace;
    }

    private static IReadOnlyList<PSObject> Invoke(Runspace runspace, string script, params object[] arguments)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        foreach (var argument in arguments)
        {
            ps.AddArgument(argument);
        }

        var output = ps.Invoke();
        if (ps.HadErrors && ps.Streams.Error.Count > 0 && output.Count == 0)
        {
            throw new InvalidOperationException(string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
        }

        return output;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IamOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IamOps.sln was not found above " + AppContext.BaseDirectory);
    }
}

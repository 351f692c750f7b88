using System.Diagnostics;
using IamOps.Aws;
using IamOps.Sandbox;
using IamOps.Simulator;

namespace IamOps.Benchmarks;

/// <summary>
/// The cost of sharing a sandbox state file between processes: 1,000 reads (GetUser) and 1,000 changes (TagUser) on
/// an account of 100 users, in memory (no file), and kept in a file (each read compares the file's stamp; each change
/// takes the lock, checks the stamp and saves). Measured in one run, so the ratio is what counts.
/// </summary>
public static class StateFileBenchmark
{
    private const int Calls = 1_000;

    public static int Run(string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("iamops-state-bench-").FullName;
        try
        {
            var inMemory = new SandboxFactory().Open(null, "111122223333");
            var inFile = new SandboxFactory().Open(Path.Combine(folder, "sandbox.json"), "111122223333");
            foreach (var sandbox in new[] { inMemory, inFile })
            {
                Seed(sandbox).GetAwaiter().GetResult();
            }

            // Warm both once, then measure each twice, interleaved, and keep the better run of each.
            Measure(inMemory);
            Measure(inFile);
            var memory = Best(Measure(inMemory), Measure(inMemory));
            var file = Best(Measure(inFile), Measure(inFile));
            Console.WriteLine($"calls: {Calls} reads and {Calls} changes each, account of 100 users");
            Console.WriteLine($"reads_ms: in memory {memory.Reads:F0}, shared file {file.Reads:F0} (x{file.Reads / memory.Reads:F2})");
            Console.WriteLine($"changes_ms: in memory {memory.Changes:F0}, shared file {file.Changes:F0} (x{file.Changes / memory.Changes:F2}; each change saves the account)");
            Console.WriteLine($"state_file_bytes: {new FileInfo(Path.Combine(folder, "sandbox.json")).Length}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Seed(ISandbox sandbox)
    {
        var iam = sandbox.Connect(null, null, null).Iam;
        for (var i = 0; i < 100; i++)
        {
            await iam.CreateUserAsync(new CreateUserRequest { UserName = $"user{i}" }, CancellationToken.None);
        }
    }

    private static (double Reads, double Changes) Measure(ISandbox sandbox)
    {
        var iam = sandbox.Connect(null, null, null).Iam;
        var reads = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            iam.GetUserAsync($"user{i % 100}", CancellationToken.None).GetAwaiter().GetResult();
        }

        reads.Stop();
        var changes = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            iam.TagUserAsync($"user{i % 100}", [new IamTag("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], CancellationToken.None).GetAwaiter().GetResult();
        }

        return (reads.Elapsed.TotalMilliseconds, changes.Elapsed.TotalMilliseconds);
    }

    private static (double Reads, double Changes) Best((double Reads, double Changes) a, (double Reads, double Changes) b) =>
        (Math.Min(a.Reads, b.Reads), Math.Min(a.Changes, b.Changes));
}

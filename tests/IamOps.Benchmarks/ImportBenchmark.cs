using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace IamOps.Benchmarks;

/// <summary>
/// Cold Import-Module, IamOps beside a one-cmdlet binary module measured the same way: each sample is a fresh process
/// that opens a runspace, then times Import-Module of a manifest, and reports whether any AWS SDK assembly got loaded.
/// <c>import</c> hosts the engine in this program; <c>import-pwsh</c> runs the real pwsh 7.6.10 (the repository's local
/// dotnet tool), as users do.
/// </summary>
public static class ImportBenchmark
{
    private const int Samples = 15;

    public static int Run(string[] args) => Compare(Sample);

    public static int RunInPwsh(string[] args) => Compare(SampleInPwsh);

    private static int Compare(Func<string, (double Milliseconds, int SdkAssemblies)> sample)
    {
        var repoRoot = FindRepoRoot();
        var iamOps = Path.Combine(repoRoot, "IamOps.psd1");
        var trivial = TrivialManifest(repoRoot);

        var iamOpsTimes = new List<double>();
        var trivialTimes = new List<double>();
        var sdkLoaded = 0;
        for (var i = 0; i < Samples; i++)
        {
            // Interleaved so that machine noise hits both alike.
            var (ms, loaded) = sample(iamOps);
            iamOpsTimes.Add(ms);
            sdkLoaded += loaded;
            trivialTimes.Add(sample(trivial).Milliseconds);
        }

        var iamOpsMedian = Median(iamOpsTimes);
        var trivialMedian = Median(trivialTimes);
        Console.WriteLine($"samples: {Samples} fresh processes each");
        Console.WriteLine($"iamops_import_ms_median: {iamOpsMedian:F1}");
        Console.WriteLine($"trivial_import_ms_median: {trivialMedian:F1}");
        Console.WriteLine($"ratio: {iamOpsMedian / trivialMedian:F2} (goal <= 1.5)");
        Console.WriteLine($"aws_sdk_assemblies_loaded_by_import: {sdkLoaded}");
        return 0;
    }

    /// <summary>The child side: open a runspace, time one Import-Module, print "ms sdkAssemblies".</summary>
    public static int RunOnce(string[] args)
    {
        var manifest = args[0];
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop");
        var clock = Stopwatch.StartNew();
        ps.Invoke();
        clock.Stop();
        var sdk = AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name?.StartsWith("AWSSDK", StringComparison.Ordinal) == true);
        Console.WriteLine(FormattableString.Invariant($"{clock.Elapsed.TotalMilliseconds} {sdk}"));
        return 0;
    }

    private static (double Milliseconds, int SdkAssemblies) Sample(string manifest)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ImportBenchmark).Assembly.Location);
        start.ArgumentList.Add("import-once");
        start.ArgumentList.Add(manifest);
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        process.WaitForExit();
        return (double.Parse(line[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A fresh real pwsh times its own Import-Module, so process start and pwsh's own start-up are left out.</summary>
    private static (double Milliseconds, int SdkAssemblies) SampleInPwsh(string manifest)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = FindRepoRoot() };
        foreach (var argument in new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-Command" })
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(
            "$clock = [Diagnostics.Stopwatch]::StartNew(); Import-Module '" + manifest.Replace("'", "''", StringComparison.Ordinal) + "' -ErrorAction Stop; $clock.Stop(); "
            + "'{0} {1}' -f $clock.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture), @([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -like 'AWSSDK*').Count");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split(' ');
        process.WaitForExit();
        return (double.Parse(line[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string TrivialManifest(string repoRoot)
    {
        var built = Directory.GetFiles(Path.Combine(repoRoot, "tests", "IamOps.Benchmarks.TrivialModule", "bin"), "IamOps.Benchmarks.TrivialModule.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var folder = Directory.CreateTempSubdirectory("trivial-module-").FullName;
        File.Copy(built, Path.Combine(folder, "Trivial.dll"));
        var manifest = Path.Combine(folder, "Trivial.psd1");
        File.WriteAllText(manifest, "@{ RootModule = 'Trivial.dll'; ModuleVersion = '1.0.0'; GUID = '0d7c8d56-4b1e-4f7e-9a51-1f7e0c1b2a33'; CmdletsToExport = @('Get-Trivial'); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }");
        return manifest;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IamOps.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("IamOps.sln was not found above " + AppContext.BaseDirectory + " or the current directory");
    }
}

using System.Diagnostics;
using System.Reflection;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// The real pwsh 7.6.10, the repository's local dotnet tool (.config/dotnet-tools.json; restored by this project's
/// build), run as a user runs it: a script file in a fresh process, from the repository root.
/// </summary>
public static class RealPwsh
{
    /// <summary>The Pester module restored by this project's PackageDownload (NuGet's Pester package keeps it in tools/).</summary>
    public static string PesterManifest { get; } = Metadata("PesterManifest");

    /// <summary>Where NuGet keeps packages (and the pwsh tool) for this build; kept when a script gets another HOME.</summary>
    private static string NuGetPackageRoot { get; } = Metadata("NuGetPackageRoot");

    /// <summary>Runs <paramref name="script"/> with <c>dotnet pwsh -NoProfile -NonInteractive -File</c>.</summary>
    /// <param name="environment">Variables to set (a null value removes one) on top of a cleaned copy of this process's.</param>
    public static (int ExitCode, string Output, string Errors) Run(string script, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("iamops-pwsh-").FullName, "script.ps1");
        File.WriteAllText(file, script);
        try
        {
            return RunFile(file, [], timeout, environment);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    /// <summary>Runs a script file with arguments, as <c>pwsh -File</c> does in a CI step.</summary>
    public static (int ExitCode, string Output, string Errors) RunFile(string file, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Process.Start(StartInfo(file, arguments, environment))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pwsh -File {file} did not finish within {timeout.TotalMinutes} minutes.\n{stdout.Result}\n{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts a script file in pwsh and leaves the process to the caller (to read as it runs, or to kill).</summary>
    public static Process Start(string file, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var process = Process.Start(StartInfo(file, [], environment))!;
        process.StandardInput.Close();
        return process;
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // 'dotnet tool run' finds the tool manifest from here; a script that needs another location sets it itself.
            WorkingDirectory = HostedPowerShell.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", file }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(IsInherited).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["NUGET_PACKAGES"] = NuGetPackageRoot;
        // dotnet's record of restored local tools lives under the CLI home, which follows HOME unless named.
        start.Environment["DOTNET_CLI_HOME"] = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    private static string Metadata(string key) =>
        typeof(RealPwsh).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>
    /// The test host's MSBuild settings, and the AWS settings and sandbox of whoever runs the tests, never reach a
    /// script: it starts as a new user's pwsh would.
    /// </summary>
    private static bool IsInherited(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AWS_", StringComparison.Ordinal)
        || name.StartsWith("IAMOPS_", StringComparison.Ordinal)
        || name == "PSModulePath";
}

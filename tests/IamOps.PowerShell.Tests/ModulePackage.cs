using System.Collections;
using System.Diagnostics;
using System.Management.Automation.Language;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// The module packaged once with the documented command (dotnet pack src/IamOps.Package/IamOps.Package.proj) into a
/// temporary folder, and its module folder copied on to a fresh one, so nothing in the copy can lean on the repository.
/// </summary>
public sealed class ModulePackage : IDisposable
{
    /// <summary>The slowest packaging seen on a busy two-core machine was well under this (everything built already).</summary>
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    private readonly string output;
    private readonly string installRoot;

    public ModulePackage()
    {
        Version = ManifestVersion(Path.Combine(HostedPowerShell.RepoRoot, "IamOps.psd1"));
        output = Directory.CreateTempSubdirectory("iamops-package-").FullName;
        PackLog = Pack(output);
        PackageFolder = Path.Combine(output, "IamOps", Version);
        NupkgPath = Path.Combine(output, $"IamOps.{Version}.nupkg");
        installRoot = Directory.CreateTempSubdirectory("iamops-installed-").FullName;
        ModuleFolder = Path.Combine(installRoot, "IamOps", Version);
        CopyDirectory(PackageFolder, ModuleFolder);
    }

    /// <summary>The packaging project, relative to the repository root.</summary>
    public static string ProjectPath { get; } = Path.Combine("src", "IamOps.Package", "IamOps.Package.proj");

    /// <summary>The manifest's ModuleVersion, the one place the version lives: the one the package must carry.</summary>
    public string Version { get; }

    /// <summary>What dotnet pack printed, for failure messages.</summary>
    public string PackLog { get; }

    /// <summary>The module folder as packaging wrote it: &lt;output&gt;/IamOps/&lt;version&gt;/.</summary>
    public string PackageFolder { get; }

    public string NupkgPath { get; }

    /// <summary>A copy of the module folder in a fresh temporary folder, as an installer would leave it.</summary>
    public string ModuleFolder { get; }

    public string ManifestPath => Path.Combine(ModuleFolder, "IamOps.psd1");

    /// <summary>The module folder's files, relative and '/'-separated.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(ModuleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ModuleFolder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public void Dispose()
    {
        foreach (var folder in new[] { output, installRoot })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Assemblies loaded from the copy stay locked on Windows until the test process ends; the temp folder keeps them.
            }
        }
    }

    /// <summary>Runs dotnet in the repository with the arguments, as a user would, and returns its exit code and output.</summary>
    public static (int ExitCode, string Log) RunDotnet(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = HostedPowerShell.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host may carry the outer build's MSBuild settings; the nested build must find its own.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes} minutes.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>ModuleVersion as PowerShell's parser reads the manifest.</summary>
    public static string ManifestVersion(string manifestPath)
    {
        var ast = Parser.ParseFile(manifestPath, out _, out var errors);
        if (errors.Length > 0)
        {
            throw new InvalidOperationException($"{manifestPath} does not parse: {errors[0].Message}");
        }

        var manifest = (Hashtable)((HashtableAst)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)).SafeGetValue();
        return (string)manifest["ModuleVersion"]!;
    }

    private static string Pack(string outputFolder)
    {
        // Package the configuration these tests were built in: the projects are then up to date and the build only lays out.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var (exitCode, log) = RunDotnet(["pack", ProjectPath, "--configuration", configuration, "--output", outputFolder, "--disable-build-servers", "--nologo"], PackTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed with exit code {exitCode}:\n{log}");
        }

        return log;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

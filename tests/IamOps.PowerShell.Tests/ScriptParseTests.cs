using System.Management.Automation.Language;

namespace IamOps.PowerShell.Tests;

/// <summary>Every PowerShell file in the repository parses with PowerShell's own parser.</summary>
public sealed class ScriptParseTests
{
    public static TheoryData<string> ScriptFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in ScriptPaths())
        {
            data.Add(file);
        }

        return data;
    }

    private static IEnumerable<string> ScriptPaths()
    {
        var root = HostedPowerShell.RepoRoot;
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
                     .Select(f => Path.GetRelativePath(root, f))
                     .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git"))
                     .Where(f => !f.StartsWith("out" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal);
    }

    [Fact]
    public void The_repository_has_the_scripts_this_test_expects()
    {
        var files = ScriptPaths().ToList();
        Assert.Contains("build.ps1", files);
        Assert.Contains("IamOps.psd1", files);
        Assert.Contains(Path.Combine("examples", "quickstart.ps1"), files);
    }

    [Theory]
    [MemberData(nameof(ScriptFiles))]
    public void Script_parses_without_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(HostedPowerShell.RepoRoot, relativePath), out _, out var errors);

        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{relativePath}:{e.Extent.StartLineNumber}: {e.Message}")));
    }
}

namespace IamOps.PowerShell.Tests;

/// <summary>
/// Where the reliability sweeps leave their numbers for people to quote: TestResults/sweeps/&lt;name&gt;.txt at the
/// repository root (ignored by git), rewritten by every run.
/// </summary>
internal static class SweepReport
{
    public static string Write(string name, IEnumerable<string> lines)
    {
        var folder = Path.Combine(HostedPowerShell.RepoRoot, "TestResults", "sweeps");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".txt");
        File.WriteAllLines(path, new[] { $"# {name}, written {DateTime.UtcNow:u}" }.Concat(lines));
        return path;
    }
}

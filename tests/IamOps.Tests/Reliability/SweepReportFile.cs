namespace IamOps.Tests.Reliability;

/// <summary>
/// Where the reliability sweeps leave their numbers for people to quote: TestResults/sweeps/&lt;name&gt;.txt at the
/// repository root (ignored by git), rewritten by every run.
/// </summary>
internal static class SweepReportFile
{
    public static string Write(string name, IEnumerable<string> lines)
    {
        var folder = Path.Combine(RepoRoot(), "TestResults", "sweeps");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".txt");
        File.WriteAllLines(path, new[] { $"# {name}, written {DateTime.UtcNow:u}" }.Concat(lines));
        return path;
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

        return AppContext.BaseDirectory;
    }
}

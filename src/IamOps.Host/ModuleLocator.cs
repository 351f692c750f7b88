namespace IamOps.Host;

/// <summary>Finds the IamOps manifest to import: IAMOPS_MANIFEST, else the nearest IamOps.psd1 above the current directory or this program.</summary>
internal static class ModuleLocator
{
    public static string? FindManifest()
    {
        var named = Environment.GetEnvironmentVariable("IAMOPS_MANIFEST");
        if (!string.IsNullOrEmpty(named))
        {
            return File.Exists(named) ? Path.GetFullPath(named) : null;
        }

        return SearchUp(Directory.GetCurrentDirectory()) ?? SearchUp(AppContext.BaseDirectory);
    }

    private static string? SearchUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "IamOps.psd1");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

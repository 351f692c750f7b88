using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>Paths as PowerShell means them: relative to the current location (Set-Location), through the provider.</summary>
internal static class ProviderPaths
{
    /// <summary>One file system path, which need not exist yet.</summary>
    public static string FileSystemPath(SessionState session, string path)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = session.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or PSArgumentException or PSInvalidOperationException)
        {
            throw new IamOpsException("FilePathInvalid", FailureKind.InvalidArgument, $"'{path}' is not a usable file path: {ex.Message}", path, ex);
        }

        return provider.Name == "FileSystem"
            ? resolved
            : throw new IamOpsException("FilePathInvalid", FailureKind.InvalidArgument, $"'{path}' is on the {provider.Name} provider; give a path on the file system.", path);
    }

    /// <summary>The existing policy files a path or wildcard pattern names.</summary>
    public static IReadOnlyList<string> PolicyFiles(SessionState session, string path)
    {
        System.Collections.ObjectModel.Collection<string> files;
        ProviderInfo provider;
        try
        {
            files = session.Path.GetResolvedProviderPathFromPSPath(path, out provider);
        }
        catch (Exception notFound) when (notFound is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or PSArgumentException)
        {
            throw new IamOpsException("PathNotFound", FailureKind.ObjectNotFound, $"No policy file matches '{path}': {notFound.Message} Check the path and the current location.", path, notFound);
        }

        if (provider.Name != "FileSystem")
        {
            throw new IamOpsException("PathNotFileSystem", FailureKind.InvalidArgument, $"'{path}' is on the {provider.Name} provider; policy files must be on the file system.", path);
        }

        return files.Count > 0 ? files : throw new IamOpsException("PathNotFound", FailureKind.ObjectNotFound, $"No policy file matches '{path}'. Check the pattern and the current location.", path);
    }
}

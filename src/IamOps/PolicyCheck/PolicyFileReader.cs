namespace IamOps.PolicyCheck;

/// <summary>Reads a policy file as bytes (so invalid UTF-8 is a finding); a missing or unreadable file is a failure to report.</summary>
public static class PolicyFileReader
{
    public static SourcedPolicy Read(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw new IamOpsException("PathIsDirectory", FailureKind.InvalidArgument, $"'{fullPath}' is a folder; pass policy files, for example -Path '{System.IO.Path.Combine(fullPath, "*.json")}'.", fullPath);
        }

        try
        {
            return SourcedPolicy.FromUtf8(fullPath, File.ReadAllBytes(fullPath));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            var kind = failure is FileNotFoundException or DirectoryNotFoundException ? FailureKind.ObjectNotFound : FailureKind.ReadError;
            throw new IamOpsException("PolicyFileUnreadable", kind, $"'{fullPath}' could not be read: {failure.Message} Check the path and that you may read it.", fullPath, failure);
        }
    }
}

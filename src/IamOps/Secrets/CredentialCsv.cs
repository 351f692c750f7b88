using System.Text;
using CsvHelper;

namespace IamOps.Secrets;

/// <summary>
/// Writes new users' initial credentials to an owner-only CSV with the IAM console's columns (User name, Password,
/// Access key ID, Secret access key, Console sign-in URL), the one place besides SecureString where secrets go.
/// </summary>
public static class CredentialCsv
{
    private static readonly string[] Header = { "User name", "Password", "Access key ID", "Secret access key", "Console sign-in URL" };

    /// <summary>Checks, before any change is made, that <paramref name="path"/> can be written as asked.</summary>
    /// <param name="appendOnlyToCredentialFile">
    /// Append only to a file that is a credential file already (owner-only, starting with our header, as an earlier run
    /// left it); any other existing file is refused unless <paramref name="overwrite"/>.
    /// </param>
    public static void CheckWritable(string path, bool append, bool overwrite, bool appendOnlyToCredentialFile = false)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (Directory.Exists(full))
        {
            throw new IamOpsException("CredentialFileInvalid", FailureKind.InvalidArgument, $"'{path}' is a folder; give the path of a .csv file to create.", path);
        }

        if (folder is null || !Directory.Exists(folder))
        {
            throw new IamOpsException("CredentialFileInvalid", FailureKind.InvalidArgument, $"The folder of '{path}' does not exist; create it first or choose another -CredentialFile.", path);
        }

        if (File.Exists(full) && !append && !overwrite)
        {
            throw new IamOpsException("CredentialFileExists", FailureKind.ResourceExists,
                $"The credential file '{path}' exists already. Choose a new path, or add -Force to replace it.", path);
        }

        if (File.Exists(full) && append && !overwrite && appendOnlyToCredentialFile && !IsCredentialFile(full))
        {
            throw new IamOpsException("CredentialFileExists", FailureKind.ResourceExists,
                $"'{path}' exists and is not an owner-only credential file IamOps wrote, so no secrets are added to it. Choose a new path, or add -OverwriteFile to replace it.", path);
        }

        var probe = Path.Combine(folder, ".iamops-write-check-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IamOpsException("CredentialFileNotWritable", FailureKind.PermissionDenied,
                $"Cannot write in the folder of '{path}': {ex.Message} Choose a writable -CredentialFile.", path, ex);
        }
    }

    /// <summary>True for an empty file or one that starts with the credential header, readable by its owner alone.</summary>
    private static bool IsCredentialFile(string path)
    {
        if (!OwnerOnlyFile.IsOwnerOnly(path))
        {
            return false;
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        var first = reader.ReadLine();
        return first is null || string.Equals(first.Trim(), string.Join(",", Header), StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="rows"/>; appends (with the header only when the file is new) or creates.</summary>
    public static void Write(string path, IEnumerable<CredentialRow> rows, bool append, bool overwrite)
    {
        var isNew = !File.Exists(path) || !append;
        using var stream = append ? OwnerOnlyFile.OpenAppend(path) : OwnerOnlyFile.Create(path, overwrite);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), false);
        if (isNew || stream.Length == 0)
        {
            csv.WriteRecord(Header);
        }

        foreach (var row in rows)
        {
            csv.WriteRecord(new[] { row.UserName, row.Password ?? string.Empty, row.AccessKeyId ?? string.Empty, row.SecretAccessKey ?? string.Empty, row.ConsoleSignInUrl });
        }

        csv.Flush();
    }
}

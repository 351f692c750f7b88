using IamOps.Secrets;

namespace IamOps.Secrets;

/// <summary>
/// Where -MfaQrCodePath puts each new virtual MFA device's QR code (owner-only): the file itself for one admin, or
/// &lt;user&gt;-mfa.png in a folder. Checked before any change, so a bad path never strands a device whose seed was shown once.
/// </summary>
public static class MfaQrCodeFiles
{
    public static string PathFor(string path, string user) => Directory.Exists(path) ? Path.Combine(path, user + "-mfa.png") : path;

    public static void CheckWritable(string path, IReadOnlyList<string> users, bool enableVirtualMfa, bool overwrite)
    {
        if (!enableVirtualMfa)
        {
            throw new IamOpsException("MfaQrCodeWithoutDevice", FailureKind.InvalidArgument,
                "-MfaQrCodePath saves the QR codes of the virtual MFA devices this run creates; add -EnableVirtualMfa.", path);
        }

        if (!Directory.Exists(path))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is null || !Directory.Exists(folder))
            {
                throw new IamOpsException("MfaQrCodePathInvalid", FailureKind.InvalidArgument,
                    $"The folder of -MfaQrCodePath '{path}' does not exist; create it first or choose another path.", path);
            }

            if (users.Count > 1)
            {
                throw new IamOpsException("MfaQrCodePathInvalid", FailureKind.InvalidArgument,
                    $"-MfaQrCodePath '{path}' is one file but {users.Count} admins are named; give a folder, which gets one <user>-mfa.png each.", path);
            }
        }

        foreach (var file in users.Select(u => PathFor(path, u)).Where(File.Exists))
        {
            if (!overwrite)
            {
                throw new IamOpsException("MfaQrCodeFileExists", FailureKind.ResourceExists,
                    $"'{file}' exists already. Choose another -MfaQrCodePath, or add -Force to replace it.", file);
            }
        }
    }

    public static void Write(string file, byte[] png, bool overwrite)
    {
        try
        {
            using var stream = OwnerOnlyFile.Create(file, overwrite);
            stream.Write(png, 0, png.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IamOpsException("MfaQrCodeNotWritten", FailureKind.WriteError,
                $"The QR code could not be saved to '{file}': {ex.Message} The device's seed is also in the credential object (MfaSeed, MfaOtpAuthUri).", file, ex);
        }
    }
}

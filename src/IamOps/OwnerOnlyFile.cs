using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.Security.Principal;

namespace IamOps;

/// <summary>
/// Files that hold secrets: readable and writable by their owner alone (mode 0600 on Linux and macOS, an ACL naming
/// only the current user on Windows), restricted before the first secret byte is written.
/// </summary>
public static class OwnerOnlyFile
{
    private const int OwnerReadWrite = 0x180; // 0600

    /// <summary>Creates <paramref name="path"/>; an existing file is an error unless <paramref name="overwrite"/>.</summary>
    public static FileStream Create(string path, bool overwrite)
    {
        var stream = new FileStream(path, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
        Restrict(path);
        return stream;
    }

    /// <summary>Opens <paramref name="path"/> for appending, creating it if absent; either way it ends up owner-only.</summary>
    public static FileStream OpenAppend(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
        Restrict(path);
        return stream;
    }

    /// <summary>True when only the owner may read or write the file (checked on Unix; on Windows the ACL we set).</summary>
    public static bool IsOwnerOnly(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var rules = new FileInfo(path).GetAccessControl().GetAccessRules(true, true, typeof(SecurityIdentifier));
            var me = WindowsIdentity.GetCurrent().User;
            return rules.Cast<FileSystemAccessRule>().All(r => r.IdentityReference == me);
        }

        return (UnixMode(path) & 0x3F) == 0; // no group or other bits
    }

    private static void Restrict(string path)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var security = new FileSecurity();
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            security.AddAccessRule(new FileSystemAccessRule(WindowsIdentity.GetCurrent().User!, FileSystemRights.FullControl, AccessControlType.Allow));
            new FileInfo(path).SetAccessControl(security);
            return;
        }

        if (NativeMethods.chmod(path, OwnerReadWrite) != 0)
        {
            throw new IamOpsException("SecretFileNotProtected", FailureKind.PermissionDenied,
                $"Could not restrict '{path}' to its owner (errno {Marshal.GetLastWin32Error()}); nothing secret was written. Choose a path on a file system that supports permissions.",
                path);
        }
    }

    private static int UnixMode(string path)
    {
        // UnixFileMode exists on .NET 7+, where PowerShell 7 runs; netstandard2.0 cannot name it directly.
        var modeProperty = typeof(FileSystemInfo).GetProperty("UnixFileMode");
        return modeProperty is null ? 0 : Convert.ToInt32(modeProperty.GetValue(new FileInfo(path)), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable CA5392 // libc resolves through the loader's default search; there is no directory to name.
        public static extern int chmod(string path, int mode);
#pragma warning restore CA5392
    }
}

using System.Runtime.InteropServices;

namespace IamOps.Simulator;

/// <summary>libc's chmod: netstandard2.0 has no File.SetUnixFileMode, and the state file holds secret keys.</summary>
internal static class NativeMethods
{
    [DllImport("libc", EntryPoint = "chmod", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Chmod(string path, uint mode);
}

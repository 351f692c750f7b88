using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// The JSON state file: a format marker and version first, then the account. Written to a temp file created
/// owner-only (0600 on Unix) beside the target and renamed over it, so a crash never leaves half a file; a file that
/// is not ours is refused, never overwritten.
/// </summary>
internal static class AccountStateFile
{
    public const string FormatName = "IamOps.Simulator.Account";
    public const int FormatVersion = 1;


    // The file is never embedded in HTML: keep '+' and '/' of secrets and policies readable instead of \u-escaped.
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, AccountState state)
    {
        var full = CheckPath(path);
        if (File.Exists(full) && !LooksLikeOurs(full))
        {
            throw Refused(full, "it exists and is not an IamOps sandbox state file; it was left unchanged");
        }

        WriteAtomically(full, stream => JsonSerializer.Serialize(stream, new StateFile { Format = FormatName, FormatVersion = FormatVersion, Account = state }, Options));
    }

    /// <summary>The full path, when it can hold a state file: not a folder, and in a folder that exists.</summary>
    public static string CheckPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IamOpsException("SandboxPathInvalid", FailureKind.InvalidArgument, $"The sandbox state path '{full}' is a folder; give a file path such as {Path.Combine(full, "sandbox.json")}.", full);
        }

        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new IamOpsException("SandboxPathInvalid", FailureKind.InvalidArgument, $"The folder of the sandbox state file '{full}' does not exist; create it first or choose another -Path.", full);
        }

        return full;
    }

    /// <summary>Writes <paramref name="full"/> through an owner-only temp file renamed over it, so a crash never leaves half a file.</summary>
    internal static void WriteAtomically(string full, Action<FileStream> write)
    {
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = OwnerOnlyFile.Create(temp, overwrite: false))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(full))
            {
                File.Replace(temp, full, null);
            }
            else
            {
                File.Move(temp, full);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IamOpsException("SandboxStateUnwritable", FailureKind.WriteError, $"The sandbox state file '{full}' could not be written: {ex.Message} Check the folder's permissions and free space.", full, ex);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static AccountState Read(string path)
    {
        var full = Path.GetFullPath(path);
        var file = ReadVersioned<StateFile>(full, FormatName, FormatVersion, "sandbox state file", "an account");
        if (file.Account is not { AccountId.Length: 12 })
        {
            throw Refused(full, "it holds no account");
        }

        return Reindex(file.Account);
    }

    /// <summary>JSON loses the case-insensitive comparers IAM's names need; put them back.</summary>
    private static AccountState Reindex(AccountState state)
    {
        state.Users = new Dictionary<string, UserState>(state.Users ?? new(), StringComparer.OrdinalIgnoreCase);
        state.Groups = new Dictionary<string, GroupState>(state.Groups ?? new(), StringComparer.OrdinalIgnoreCase);
        state.Roles = new Dictionary<string, RoleState>(state.Roles ?? new(), StringComparer.OrdinalIgnoreCase);
        state.InstanceProfiles = new Dictionary<string, InstanceProfileState>(state.InstanceProfiles ?? new(), StringComparer.OrdinalIgnoreCase);
        state.Policies ??= new();
        state.MfaDevices ??= new();
        state.Buckets ??= new();
        state.Instances ??= new();
        state.Sessions ??= new();
        state.AwsPolicyAttachments ??= new();
        state.Quotas ??= new();
        return state;
    }

    private static bool LooksLikeOurs(string path) => Holds(path, FormatName);

    /// <summary>Whether the file at <paramref name="path"/> starts as a state file of the format <paramref name="formatName"/>.</summary>
    internal static bool Holds(string path, string formatName)
    {
        var buffer = new byte[256];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            read = stream.Read(buffer, 0, buffer.Length);
        }

        return Encoding.UTF8.GetString(buffer, 0, read).Contains($"\"Format\":\"{formatName}\"");
    }

    internal static IamOpsException Refused(string path, string why) =>
        new("SandboxStateInvalid", FailureKind.InvalidData, $"The sandbox state file '{path}' was refused: {why}. Choose another -Path, or move this file away to start a new account.", path);

    /// <summary>
    /// Reads the state file at <paramref name="full"/>: it must exist, be JSON, carry <paramref name="formatName"/> and be of
    /// <paramref name="formatVersion"/>. <paramref name="kind"/> names it in a refusal ("sandbox state file"), and
    /// <paramref name="content"/> says what a missing file should have been saved with ("an account").
    /// </summary>
    internal static TFile ReadVersioned<TFile>(string full, string formatName, int formatVersion, string kind, string content)
        where TFile : StateFileHeader
    {
        TFile? file;
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
            file = JsonSerializer.Deserialize<TFile>(stream, Options);
        }
        catch (FileNotFoundException)
        {
            throw new IamOpsException("SandboxStateNotFound", FailureKind.ObjectNotFound, $"The sandbox state file '{full}' does not exist. Check the path, or save {content} there first.", full);
        }
        catch (JsonException ex)
        {
            throw Refused(full, $"it is not valid JSON ({ex.Message})");
        }

        if (file?.Format != formatName)
        {
            throw Refused(full, $"it is not an IamOps {kind}");
        }

        if (file.FormatVersion != formatVersion)
        {
            throw Refused(full, $"its format version is {file.FormatVersion}, and this IamOps reads version {formatVersion}");
        }

        return file;
    }

    /// <summary>The file's top level: the header, then the account.</summary>
    private sealed class StateFile : StateFileHeader
    {
        public AccountState? Account { get; set; }
    }
}

/// <summary>What every state file starts with: its format's name and version, written first so a foreign file is recognised from its first bytes.</summary>
internal abstract class StateFileHeader
{
    [JsonPropertyOrder(-2)]
    public string? Format { get; set; }

    [JsonPropertyOrder(-1)]
    public int FormatVersion { get; set; }
}

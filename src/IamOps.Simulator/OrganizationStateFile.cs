using System.Text.Encodings.Web;
using System.Text.Json;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// The JSON state file of a sandbox organization: its structure (accounts, OUs, SCPs). Each account's IAM state is a
/// state file of its own beside it (<see cref="AccountPath"/>), so calls to different accounts never wait on one file.
/// </summary>
internal static class OrganizationStateFile
{
    public const string FormatName = "IamOps.Simulator.Organization";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether <paramref name="path"/> holds an organization (not a single account).</summary>
    public static bool IsOrganization(string path) => File.Exists(path) && AccountStateFile.Holds(path, FormatName);

    /// <summary>Where the account <paramref name="accountId"/> of the organization saved at <paramref name="organizationPath"/> is kept: org.json → org.111122223333.json.</summary>
    public static string AccountPath(string organizationPath, string accountId)
    {
        var full = Path.GetFullPath(organizationPath);
        var extension = Path.GetExtension(full);
        var stem = full.Substring(0, full.Length - extension.Length);
        return stem + "." + accountId + (extension.Length == 0 ? ".json" : extension);
    }

    public static void Write(string path, OrganizationState state)
    {
        var full = AccountStateFile.CheckPath(path);
        if (File.Exists(full) && !AccountStateFile.Holds(full, FormatName))
        {
            throw AccountStateFile.Refused(full, "it exists and is not an IamOps sandbox organization state file; it was left unchanged");
        }

        AccountStateFile.WriteAtomically(full, stream => JsonSerializer.Serialize(stream, new StateFile { Format = FormatName, FormatVersion = FormatVersion, Organization = state }, Options));
    }

    public static OrganizationState Read(string path)
    {
        var full = Path.GetFullPath(path);
        var file = AccountStateFile.ReadVersioned<StateFile>(full, FormatName, FormatVersion, "sandbox organization state file", "an organization");
        var state = file.Organization;
        if (state is null || state.Accounts is not { Count: > 0 } || state.Accounts[0].Id != state.ManagementAccountId)
        {
            throw AccountStateFile.Refused(full, "it holds no organization");
        }

        state.OrganizationalUnits ??= new();
        state.Policies = new Dictionary<string, ServiceControlPolicyState>(state.Policies ?? new(), StringComparer.Ordinal);
        state.Attachments = new Dictionary<string, List<string>>(state.Attachments ?? new(), StringComparer.Ordinal);
        return state;
    }

    private sealed class StateFile : StateFileHeader
    {
        public OrganizationState? Organization { get; set; }
    }
}

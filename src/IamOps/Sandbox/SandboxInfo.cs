namespace IamOps.Sandbox;

/// <summary>What Enter-IamSandbox entered: the simulated account (an organization's management account) and where it is saved.</summary>
public sealed class SandboxInfo
{
    public SandboxInfo(string account, string? statePath, IReadOnlyList<string>? memberAccounts = null)
    {
        Account = account;
        StatePath = statePath;
        MemberAccounts = (memberAccounts ?? Array.Empty<string>()).ToArray();
    }

    public string Account { get; }

    /// <summary>The state file, or null for an account that lives in memory only.</summary>
    public string? StatePath { get; }

    /// <summary>In an organization sandbox, the member accounts' ids; empty for a single account.</summary>
    public string[] MemberAccounts { get; }

    public bool IsSandbox => true;
}

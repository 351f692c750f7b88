namespace IamOps.Sandbox;

/// <summary>What Enter-IamSandbox entered: the simulated account and where it is saved.</summary>
public sealed class SandboxInfo
{
    public SandboxInfo(string account, string? statePath)
    {
        Account = account;
        StatePath = statePath;
    }

    public string Account { get; }

    /// <summary>The state file, or null for an account that lives in memory only.</summary>
    public string? StatePath { get; }

    public bool IsSandbox => true;
}

using IamOps.Planning;

namespace IamOps.Audit.StaleCredentials;

/// <summary>One user's clean-up, planned from live state: the findings in the order they are applied, and what was noticed but left.</summary>
public sealed class StaleCredentialPlan
{
    internal StaleCredentialPlan(string userName, IReadOnlyList<StaleCredentialFinding> findings, IReadOnlyList<string> notes, IReadOnlyList<string> warnings, string? excludedBy = null)
    {
        UserName = userName;
        Findings = findings;
        Notes = notes;
        Warnings = warnings;
        ExcludedBy = excludedBy;
    }

    public string UserName { get; }

    public IReadOnlyList<StaleCredentialFinding> Findings { get; }

    public IReadOnlyList<PlannedChange> Changes => Findings.Select(f => f.Change).ToList();

    /// <summary>For the verbose stream: rotations waiting for their grace period, and the like.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Something the rules want and cannot do (e.g. rotate a key when the user has two active ones).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Why -Exclude left the user alone; null when it did not.</summary>
    public string? ExcludedBy { get; }
}

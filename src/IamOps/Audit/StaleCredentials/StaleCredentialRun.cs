using IamOps.Secrets;

namespace IamOps.Audit.StaleCredentials;

/// <summary>A finished clean-up: one result per change, the errors per user, and what to say; <see cref="Finish"/> saves new secrets and sums up.</summary>
public sealed class StaleCredentialRun
{
    private readonly IReadOnlyList<CredentialRow> _credentials;

    internal StaleCredentialRun(IReadOnlyList<StaleCredentialResult> results, IReadOnlyList<IamOpsException> errors, IReadOnlyList<string> notes,
        IReadOnlyList<string> warnings, IReadOnlyList<CredentialRow> credentials, int usersChecked, DateTime reportTime)
    {
        Results = results;
        Errors = errors;
        Notes = notes;
        Warnings = warnings;
        _credentials = credentials;
        UsersChecked = usersChecked;
        ReportTime = reportTime;
    }

    public IReadOnlyList<StaleCredentialResult> Results { get; }

    /// <summary>Per user: not found, unreadable, or a change that failed (what was done, and that a re-run finishes it).</summary>
    public IReadOnlyList<IamOpsException> Errors { get; }

    /// <summary>For the verbose stream: users left alone, rotations waiting for their grace period.</summary>
    public IReadOnlyList<string> Notes { get; }

    public IReadOnlyList<string> Warnings { get; }

    public int UsersChecked { get; }

    public DateTime ReportTime { get; }

    /// <summary>Appends new keys' secrets to <paramref name="credentialFile"/> (owner-only) when given; returns the summary for the verbose stream.</summary>
    public string Finish(string? credentialFile, string? credentialFileAsGiven)
    {
        var written = credentialFile is not null && _credentials.Count > 0;
        if (written)
        {
            CredentialCsv.Write(credentialFile!, _credentials, append: true, overwrite: false);
        }

        var counts = Results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}").ToList();
        return $"Stale credentials: {UsersChecked} user(s) checked against the credential report of {ReportTime:u}; "
            + (counts.Count == 0 ? "nothing to change" : string.Join(", ", counts))
            + (written ? $"; {_credentials.Count} new key(s) appended to {credentialFileAsGiven}" : string.Empty) + ".";
    }
}

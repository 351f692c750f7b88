using IamOps.Secrets;

namespace IamOps.Developers;

/// <summary>A finished batch: one row per input in input order; <see cref="Finish"/> then saves the credential file and sums up.</summary>
public sealed class OnboardingRun
{
    private readonly IReadOnlyList<CredentialRow> _credentials;
    private readonly OnboardingOptions _options;

    internal OnboardingRun(IReadOnlyList<OnboardedRow> rows, IReadOnlyList<CredentialRow> credentials, OnboardingOptions options)
    {
        Rows = rows;
        _credentials = credentials;
        _options = options;
    }

    public IReadOnlyList<OnboardedRow> Rows { get; }

    /// <summary>Appends the new secrets to the credential file (owner-only) and returns the summary for the verbose stream.</summary>
    public string Finish()
    {
        var written = _options.CredentialFile is not null && _credentials.Count > 0;
        if (written)
        {
            CredentialCsv.Write(_options.CredentialFile!, _credentials, append: true, overwrite: false);
        }

        var counts = Rows.GroupBy(r => r.Result.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        return "Developers: " + string.Join(", ", counts) + (written ? $"; {_credentials.Count} credential row(s) appended to {_options.CredentialFileAsGiven}" : string.Empty) + ".";
    }
}

namespace IamOps.Audit;

/// <summary>The file Get-IamSecurityReport -OutFile writes.</summary>
public enum SecurityReportFormat
{
    /// <summary>A self-contained HTML page: summary chart and sortable tables, no external asset.</summary>
    Html,

    /// <summary>GitHub-flavoured Markdown, e.g. for $GITHUB_STEP_SUMMARY.</summary>
    Markdown,
}

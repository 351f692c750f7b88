using System.Globalization;
using System.Text;

namespace IamOps.Audit;

/// <summary>
/// The security report as GitHub-flavoured Markdown for a pipeline summary ($GITHUB_STEP_SUMMARY): counts per
/// severity, then one table row per finding. Text from the account is escaped so it can neither break the table nor
/// inject HTML.
/// </summary>
public static class SecurityReportMarkdown
{
    public static string Render(SecurityReport report)
    {
        var md = new StringBuilder();
        md.Append("## IAM security report: account ").Append(Text(report.AccountId)).Append("\n\n")
            .Append("Credential report of ").Append(report.CredentialReportTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(" · ").Append(report.UserCount).Append(" users · ").Append(report.RoleCount).Append(" roles")
            .Append(" · unused means ").Append(report.Request.Days).Append(" days or more; keys are old at ").Append(report.Request.MaxKeyAge).Append(" days\n\n")
            .Append("| Severity | Findings |\n| --- | ---: |\n");
        foreach (var severity in SecurityReport.Severities)
        {
            md.Append("| ").Append(Marker(severity)).Append(' ').Append(severity).Append(" | ").Append(report.Count(severity)).Append(" |\n");
        }

        md.Append("| **Total** | **").Append(report.Findings.Count).Append("** |\n\n");
        if (report.Findings.Count == 0)
        {
            md.Append("No findings: every check passed.\n");
            return md.ToString();
        }

        md.Append("### Findings\n\n| Severity | Check | Resource | Message | Fix |\n| --- | --- | --- | --- | --- |\n");
        foreach (var finding in report.Findings)
        {
            md.Append("| ").Append(finding.Severity)
                .Append(" | ").Append(finding.Check)
                .Append(" | ").Append(Code(finding.ResourceName))
                .Append(" | ").Append(Text(finding.Message))
                .Append(" | ").Append(Code(finding.Fix))
                .Append(" |\n");
        }

        return md.ToString();
    }

    private static string Marker(SecuritySeverity severity) => severity switch
    {
        SecuritySeverity.Critical => "🟥",
        SecuritySeverity.High => "🟧",
        SecuritySeverity.Medium => "🟨",
        _ => "🟦",
    };

    /// <summary>Table-cell text: no HTML, no cell break, no line break; Markdown's own punctuation backslash-escaped.</summary>
    private static string Text(string text)
    {
        var cell = new StringBuilder();
        foreach (var c in (text ?? string.Empty).Replace("\r", " ").Replace("\n", " "))
        {
            switch (c)
            {
                case '&': cell.Append("&amp;"); break;
                case '<': cell.Append("&lt;"); break;
                case '>': cell.Append("&gt;"); break;
                case '\\' or '|' or '`' or '*' or '_' or '[' or ']' or '#' or '~': cell.Append('\\').Append(c); break;
                default: cell.Append(c); break;
            }
        }

        return cell.ToString();
    }

    /// <summary>A code span (literal text, so &lt;id&gt; shows as written); text with a backtick is escaped text instead.</summary>
    private static string Code(string text) =>
        text.IndexOf('`') >= 0 ? Text(text) : "`" + text.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|") + "`";
}

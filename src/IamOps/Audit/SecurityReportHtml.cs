using System.Globalization;
using System.Net;
using System.Text;

namespace IamOps.Audit;

/// <summary>
/// The security report as one self-contained page: inline CSS, an inline SVG chart of findings per severity, sortable
/// tables (a few lines of inline script) and no external asset. Everything from the account is HTML-encoded, and the
/// page is well-formed XML too, so tests (and tools) can read it with an XML parser.
/// </summary>
public static class SecurityReportHtml
{
    private const string Style = @"
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 28px 0 8px; }
.meta { color: #57606a; margin: 0 0 16px; }
.summary { display: flex; flex-wrap: wrap; gap: 24px; align-items: center; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 24px; }
.total { text-align: center; min-width: 120px; }
.total .count { display: block; font-size: 3em; font-weight: 700; line-height: 1.1; }
.chart text { font-size: 14px; fill: #1f2328; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d0d7de; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid #d8dee4; }
th { background: #eaeef2; cursor: pointer; user-select: none; white-space: nowrap; }
th::after { content: ' \2195'; color: #8c959f; }
th[aria-sort=ascending]::after { content: ' \25B2'; color: #1f2328; }
th[aria-sort=descending]::after { content: ' \25BC'; color: #1f2328; }
tbody tr:nth-child(even) { background: #f6f8fa; }
td.num { text-align: right; }
.w { white-space: nowrap; }
th.fix { width: 30%; }
code { font-family: ui-monospace, SFMono-Regular, Consolas, monospace; font-size: 0.9em; background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
.badge { display: inline-block; min-width: 64px; text-align: center; padding: 1px 8px; border-radius: 10px; font-size: 0.85em; font-weight: 600; color: #fff; }
.badge.critical { background: #b3261e; } .badge.high { background: #d9480f; } .badge.medium { background: #f2b705; color: #1f2328; } .badge.low { background: #1a73e8; }
.resource { font-weight: 600; } .arn { display: block; color: #57606a; font-size: 0.8em; word-break: break-all; }
.none { color: #1a7f37; font-weight: 600; }
footer { color: #57606a; font-size: 0.85em; margin-top: 24px; }
";

    // Sorts a table by the clicked header's column: numbers by value (data-sort holds them), text alphabetically.
    private const string Script = @"
(function () {
  function key(cell) { var v = cell.getAttribute('data-sort'); return v === null ? cell.textContent.trim().toLowerCase() : v; }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      th.tabIndex = 0;
      function sort() {
        var body = table.tBodies[0];
        if (body.rows.length === 1 || body.querySelector('td[colspan]')) { return; }
        var numeric = th.getAttribute('data-type') === 'number';
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });
})();
";

    public static string Render(SecurityReport report)
    {
        var html = new StringBuilder();
        var title = $"IAM security report: account {report.AccountId}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
            .Append("<title>").Append(E(title)).Append("</title>\n")
            .Append("<style>/*<![CDATA[*/").Append(Style).Append("/*]]>*/</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<p class=\"meta\">Credential report of ").Append(E(Time(report.CredentialReportTime)))
            .Append(" · reviewed ").Append(E(Time(report.ReviewTime)))
            .Append(" · <span id=\"users\">").Append(report.UserCount).Append("</span> ").Append(report.UserCount == 1 ? "user" : "users")
            .Append(", <span id=\"roles\">").Append(report.RoleCount).Append("</span> ").Append(report.RoleCount == 1 ? "role" : "roles")
            .Append(" · unused means ").Append(report.Request.Days).Append(" days or more; keys are old at ").Append(report.Request.MaxKeyAge).Append(" days</p>\n");

        html.Append("<section class=\"summary\">\n<div class=\"total\"><span class=\"count\" id=\"total\">").Append(report.Findings.Count).Append("</span>findings</div>\n");
        Chart(html, report);
        html.Append("</section>\n");

        html.Append("<h2>Findings</h2>\n<table class=\"sortable\" id=\"findings\">\n<thead><tr>")
            .Append("<th data-type=\"number\" aria-sort=\"descending\">Severity</th><th>Check</th><th>Resource</th><th>Message</th><th class=\"fix\">Fix</th></tr></thead>\n<tbody>\n");
        if (report.Findings.Count == 0)
        {
            html.Append("<tr><td colspan=\"5\" class=\"none\">No findings: every check passed.</td></tr>\n");
        }

        foreach (var finding in report.Findings)
        {
            var severity = finding.Severity.ToString();
            html.Append("<tr data-severity=\"").Append(severity).Append("\" data-check=\"").Append(finding.Check).Append("\">")
                .Append("<td data-sort=\"").Append((int)finding.Severity).Append("\"><span class=\"badge ").Append(severity.ToLowerInvariant()).Append("\">").Append(severity).Append("</span></td>")
                .Append("<td>").Append(finding.Check).Append("</td>")
                .Append("<td><span class=\"resource\">").Append(E(finding.ResourceName)).Append("</span><span class=\"arn\">").Append(E(finding.Resource)).Append("</span></td>")
                .Append("<td>").Append(E(finding.Message)).Append("</td>")
                .Append("<td><code>").Append(Words(finding.Fix)).Append("</code></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");

        html.Append("<h2>Checks</h2>\n<table class=\"sortable\" id=\"checks\">\n<thead><tr>")
            .Append("<th>Check</th><th data-type=\"number\">Severity</th><th data-type=\"number\">Findings</th><th>What passes</th></tr></thead>\n<tbody>\n");
        foreach (var check in SecurityCheckDescriptions.All)
        {
            var severity = SecurityCheckDescriptions.SeverityOf(check);
            var count = report.Findings.Count(f => f.Check == check);
            html.Append("<tr data-check=\"").Append(check).Append("\"><td>").Append(check).Append("</td>")
                .Append("<td data-sort=\"").Append((int)severity).Append("\"><span class=\"badge ").Append(severity.ToString().ToLowerInvariant()).Append("\">").Append(severity).Append("</span></td>")
                .Append("<td class=\"num\" data-sort=\"").Append(count).Append("\">").Append(count == 0 ? "<span class=\"none\">0</span>" : count.ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td>").Append(E(SecurityCheckDescriptions.Describe(check))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n")
            .Append("<footer>Made by IamOps Get-IamSecurityReport. Click a column header to sort. Each Fix is the command that fixes the finding; run it with -WhatIf first.</footer>\n")
            .Append("</main>\n<script>//<![CDATA[").Append(Script).Append("//]]></script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A horizontal bar per severity, scaled to the largest count.</summary>
    private static void Chart(StringBuilder html, SecurityReport report)
    {
        const int barLeft = 90, barWidth = 380, rowHeight = 36, top = 12;
        var severities = SecurityReport.Severities;
        var height = top + (rowHeight * severities.Count) + 4;
        var max = Math.Max(1, severities.Max(report.Count));
        html.Append("<svg class=\"chart\" id=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" width=\"540\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 540 ").Append(height).Append("\">\n<title id=\"chart-title\">Findings per severity</title>\n");
        for (var i = 0; i < severities.Count; i++)
        {
            var severity = severities[i];
            var count = report.Count(severity);
            var y = top + (i * rowHeight);
            var width = count == 0 ? 0 : Math.Max(3, (int)Math.Round(barWidth * (double)count / max));
            html.Append("<g data-severity=\"").Append(severity).Append("\" data-count=\"").Append(count).Append("\">")
                .Append("<text x=\"0\" y=\"").Append(y + 19).Append("\">").Append(severity).Append("</text>")
                .Append("<rect x=\"").Append(barLeft).Append("\" y=\"").Append(y).Append("\" width=\"").Append(barWidth).Append("\" height=\"26\" rx=\"4\" fill=\"#eaeef2\"/>")
                .Append("<rect x=\"").Append(barLeft).Append("\" y=\"").Append(y).Append("\" width=\"").Append(width).Append("\" height=\"26\" rx=\"4\" fill=\"").Append(Color(severity)).Append("\"/>")
                .Append("<text x=\"").Append(barLeft + barWidth + 10).Append("\" y=\"").Append(y + 19).Append("\" font-weight=\"700\">").Append(count).Append("</text></g>\n");
        }

        html.Append("</svg>\n");
    }

    private static string Color(SecuritySeverity severity) => severity switch
    {
        SecuritySeverity.Critical => "#b3261e",
        SecuritySeverity.High => "#d9480f",
        SecuritySeverity.Medium => "#f2b705",
        _ => "#1a73e8",
    };

    /// <summary>A command whose words never break inside (e.g. at the hyphen of Disable-IamStaleCredential), only between them.</summary>
    private static string Words(string command) =>
        string.Join(" ", (command ?? string.Empty).Split(' ').Select(word => "<span class=\"w\">" + E(word) + "</span>"));

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>HTML-encodes text from the account (names, ARNs, policy names): &lt; &gt; &amp; and both quotes.</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text ?? string.Empty);
}

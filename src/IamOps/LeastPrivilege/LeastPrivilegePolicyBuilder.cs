using System.Text;
using System.Text.Json.Nodes;
using IamOps.Aws;
using IamOps.Policies;
using IamOps.Policy;

namespace IamOps.LeastPrivilege;

/// <summary>
/// Builds the right-sized document from Access Advisor's report: one Allow statement per service used within the
/// window, naming the used actions where IAM tracks them one by one and the whole service (<c>svc:*</c>) where it does
/// not (or where only untracked actions were used). Pure: no calls, so it is tested on its own.
/// </summary>
public static class LeastPrivilegePolicyBuilder
{
    /// <summary>The proposal (without the -Apply part) for <paramref name="report"/>, counting <paramref name="days"/> back from <paramref name="utcNow"/>.</summary>
    public static LeastPrivilegeProposal Build(ServiceLastAccessedReport report, int days, DateTime utcNow)
    {
        var since = utcNow.AddDays(-days);
        bool Recent(DateTime? time) => time is { } t && t >= since;

        var kept = new List<string>();
        var removed = new List<string>();
        var keptActions = new List<string>();
        var removedActions = new List<string>();
        var statements = new JsonArray();
        foreach (var service in report.Services.OrderBy(s => s.ServiceNamespace, StringComparer.Ordinal))
        {
            var prefix = service.ServiceNamespace;
            if (!Recent(service.LastAuthenticated))
            {
                removed.Add(prefix);
                continue;
            }

            kept.Add(prefix);
            var usedActions = service.TrackedActionsLastAccessed.Where(a => Recent(a.LastAccessedTime)).Select(a => prefix + ":" + a.ActionName)
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(a => a, StringComparer.Ordinal).ToList();
            IReadOnlyList<string> actions;
            if (usedActions.Count > 0)
            {
                actions = usedActions;
                keptActions.AddRange(usedActions);
                removedActions.AddRange(service.TrackedActionsLastAccessed.Where(a => !Recent(a.LastAccessedTime)).Select(a => prefix + ":" + a.ActionName).OrderBy(a => a, StringComparer.Ordinal));
            }
            else
            {
                actions = new[] { prefix + ":*" };
            }

            statements.Add(new JsonObject
            {
                ["Sid"] = Sid(prefix),
                ["Effect"] = "Allow",
                ["Action"] = PolicyJson.StringOrArray(actions),
                ["Resource"] = "*",
            });
        }

        string? document = null;
        IReadOnlyList<PolicyFinding> findings = Array.Empty<PolicyFinding>();
        if (statements.Count > 0)
        {
            var json = PolicyJson.NewDocument();
            json["Statement"] = statements;
            document = PolicyJson.Write(json);
            findings = Lint(document);
        }

        return new LeastPrivilegeProposal
        {
            Days = days,
            Document = document,
            GrantedServices = report.Services.Select(s => s.ServiceNamespace).OrderBy(s => s, StringComparer.Ordinal).ToList(),
            KeptServices = kept,
            RemovedServices = removed,
            KeptActions = keptActions,
            RemovedActions = removedActions,
            Findings = findings,
        };
    }

    /// <summary>The lint Test-IamPolicy runs on an identity policy meant to be a customer managed policy.</summary>
    public static IReadOnlyList<PolicyFinding> Lint(string document) =>
        PolicyValidator.Validate(document, new PolicyValidationOptions { PolicyType = PolicyType.Identity, AttachedTo = IdentityAttachment.Managed });

    /// <summary>A Sid (letters and digits only) per service: <c>UseS3</c>, <c>UseResourceGroups</c>.</summary>
    private static string Sid(string prefix)
    {
        var sid = new StringBuilder("Use");
        var upper = true;
        foreach (var c in prefix)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                sid.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return sid.ToString();
    }
}

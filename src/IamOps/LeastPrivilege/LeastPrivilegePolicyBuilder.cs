using System.Text;
using System.Text.RegularExpressions;
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
    /// <summary>
    /// The proposal (without the -Apply part) for <paramref name="report"/>, counting <paramref name="days"/> back from
    /// <paramref name="utcNow"/>. With the entity's current policy documents (<paramref name="granted"/>) it is cut from
    /// their Allow statements (resources and conditions kept, Deny statements on kept services carried over), so it never
    /// grants more than they do; without them, one statement per kept service on every resource.
    /// </summary>
    public static LeastPrivilegeProposal Build(ServiceLastAccessedReport report, int days, DateTime utcNow, IReadOnlyList<string>? granted = null)
    {
        var since = utcNow.AddDays(-days);
        bool Recent(DateTime? time) => time is { } t && t >= since;

        var kept = new List<string>();
        var removed = new List<string>();
        var removedActions = new List<string>();
        var usedActions = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in report.Services.OrderBy(s => s.ServiceNamespace, StringComparer.Ordinal))
        {
            var prefix = service.ServiceNamespace;
            if (!Recent(service.LastAuthenticated))
            {
                removed.Add(prefix);
                continue;
            }

            kept.Add(prefix);
            var used = service.TrackedActionsLastAccessed.Where(a => Recent(a.LastAccessedTime)).Select(a => prefix + ":" + a.ActionName)
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(a => a, StringComparer.Ordinal).ToList();
            usedActions[prefix] = used;
            if (used.Count > 0)
            {
                removedActions.AddRange(service.TrackedActionsLastAccessed.Where(a => !Recent(a.LastAccessedTime)).Select(a => prefix + ":" + a.ActionName).OrderBy(a => a, StringComparer.Ordinal));
            }
        }

        var statements = granted is { Count: > 0 } ? CutFrom(granted, kept, usedActions) : PerService(kept, usedActions);
        string? document = null;
        IReadOnlyList<PolicyFinding> findings = Array.Empty<PolicyFinding>();
        if (statements.Any(s => s is JsonObject o && o["Effect"]?.GetValue<string>() == "Allow"))
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
            KeptActions = document is null ? Array.Empty<string>() : statements.OfType<JsonObject>().Where(o => o["Effect"]?.GetValue<string>() == "Allow")
                .SelectMany(o => PolicyJson.Strings(o["Action"])).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(a => a, StringComparer.Ordinal).ToList(),
            RemovedActions = removedActions,
            Findings = findings,
        };
    }

    /// <summary>One statement per kept service on every resource: its used tracked actions, or the whole service.</summary>
    private static JsonArray PerService(List<string> kept, Dictionary<string, List<string>> usedActions)
    {
        var statements = new JsonArray();
        foreach (var prefix in kept)
        {
            var actions = usedActions[prefix].Count > 0 ? usedActions[prefix] : new List<string> { prefix + ":*" };
            statements.Add(new JsonObject
            {
                ["Sid"] = Sid(prefix),
                ["Effect"] = "Allow",
                ["Action"] = PolicyJson.StringOrArray(actions),
                ["Resource"] = "*",
            });
        }

        return statements;
    }

    /// <summary>
    /// The current Allow statements narrowed to the kept services: for a service with used tracked actions, those of
    /// them the statement allows; for another kept service, the statement's own patterns for it. Deny statements that
    /// touch a kept service come along unchanged.
    /// </summary>
    private static JsonArray CutFrom(IReadOnlyList<string> granted, List<string> kept, Dictionary<string, List<string>> usedActions)
    {
        var statements = new JsonArray();
        var number = 0;
        foreach (var text in granted)
        {
            JsonObject document;
            try
            {
                document = PolicyJson.Parse(text, "policy");
            }
            catch (IamOpsException)
            {
                continue;
            }

            foreach (var statement in PolicyJson.Statements(document).OfType<JsonObject>())
            {
                var effect = statement["Effect"] is JsonValue e && e.TryGetValue<string>(out var value) ? value : null;
                var isNot = statement["Action"] is null;
                var patterns = PolicyJson.Strings(statement["Action"] ?? statement["NotAction"]);
                if (effect == "Deny")
                {
                    if (kept.Any(service => isNot || patterns.Any(p => Touches(p, service))))
                    {
                        var deny = (JsonObject)JsonNode.Parse(statement.ToJsonString())!;
                        deny["Sid"] = "Deny" + (++number).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        statements.Add(deny);
                    }

                    continue;
                }

                if (effect != "Allow")
                {
                    continue;
                }

                var actions = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var service in kept)
                {
                    if (usedActions[service].Count > 0)
                    {
                        actions.UnionWith(usedActions[service].Where(a => isNot ? !patterns.Any(p => Glob(p, a)) : patterns.Any(p => Glob(p, a))));
                    }
                    else if (isNot)
                    {
                        if (!patterns.Any(p => Glob(p, service + ":*")))
                        {
                            actions.Add(service + ":*");
                        }
                    }
                    else
                    {
                        foreach (var pattern in patterns.Where(p => Touches(p, service)))
                        {
                            var colon = pattern.IndexOf(':');
                            actions.Add(service + ":" + (colon < 0 ? "*" : pattern.Substring(colon + 1)));
                        }
                    }
                }

                if (actions.Count == 0)
                {
                    continue;
                }

                var narrowed = (JsonObject)JsonNode.Parse(statement.ToJsonString())!;
                narrowed.Remove("NotAction");
                narrowed["Sid"] = "Keep" + (++number).ToString(System.Globalization.CultureInfo.InvariantCulture);
                narrowed["Action"] = PolicyJson.StringOrArray(actions.ToList());
                statements.Add(ReorderActionAfterEffect(narrowed));
            }
        }

        return statements;
    }

    /// <summary>Writes Sid, Effect and Action first, as people write statements.</summary>
    private static JsonObject ReorderActionAfterEffect(JsonObject statement)
    {
        var ordered = new JsonObject();
        foreach (var name in new[] { "Sid", "Effect", "Action" })
        {
            if (statement[name] is { } value)
            {
                statement.Remove(name);
                ordered[name] = value;
            }
        }

        foreach (var rest in statement.ToList())
        {
            statement.Remove(rest.Key);
            ordered[rest.Key] = rest.Value;
        }

        return ordered;
    }

    /// <summary>Whether an action pattern (<c>s3:Get*</c>, <c>*</c>, <c>s*:List*</c>) can name an action of <paramref name="service"/>.</summary>
    private static bool Touches(string pattern, string service)
    {
        var colon = pattern.IndexOf(':');
        return Glob(colon < 0 ? pattern : pattern.Substring(0, colon), service);
    }

    /// <summary>IAM's action wildcards (<c>*</c>, <c>?</c>), case-insensitive.</summary>
    private static bool Glob(string pattern, string text) =>
        Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);

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

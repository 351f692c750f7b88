using System.Text.Json.Nodes;
using IamOps.Policies;

namespace IamOps.Roles;

/// <summary>
/// Trust policies as IamOps writes them: a new role gets one Allow statement for its principals; an existing role's
/// policy only gains the principals it lacks, and every other statement, condition and key stays as it was.
/// </summary>
public static class TrustPolicy
{
    public static string Create(RoleTrustRequest request)
    {
        var document = PolicyJson.NewDocument();
        PolicyJson.Statements(document).Add(NewStatement(request, request.Principals));
        return PolicyJson.Write(document);
    }

    /// <summary>
    /// Adds the principals <paramref name="existingDocument"/> does not already trust for the request's actions under at
    /// least the request's conditions (a stricter existing statement counts: merging never loosens a trust).
    /// </summary>
    public static TrustPolicyMerge Merge(string existingDocument, RoleTrustRequest request)
    {
        var document = PolicyJson.Parse(existingDocument, $"trust policy of role {request.RoleName}");
        var statements = PolicyJson.Statements(document);
        var missing = request.Principals
            .Where(p => !statements.OfType<JsonObject>().Any(s => IsAllowFor(s, request) && HasConditions(s, request.Conditions, exactly: false) && Names(s, p)))
            .ToList();
        if (missing.Count == 0)
        {
            return new TrustPolicyMerge(existingDocument, Array.Empty<TrustPrincipal>());
        }

        // Add to a statement with exactly the same conditions, so no principal gains or loses a condition by joining it.
        var host = statements.OfType<JsonObject>().FirstOrDefault(s => IsAllowFor(s, request) && HasConditions(s, request.Conditions, exactly: true) && s["Principal"] is JsonObject);
        if (host is null)
        {
            statements.Add(NewStatement(request, missing));
        }
        else
        {
            var principal = (JsonObject)host["Principal"]!;
            foreach (var group in missing.GroupBy(p => p.Kind))
            {
                var key = KeyOf(group.Key);
                var values = PolicyJson.Strings(principal[key]).Concat(group.Select(p => p.Value)).ToList();
                principal[key] = PolicyJson.StringOrArray(values);
            }
        }

        return new TrustPolicyMerge(PolicyJson.Write(document), missing);
    }

    /// <summary>
    /// Removes <paramref name="principals"/> from every Allow statement of <paramref name="existingDocument"/> that
    /// trusts them for <paramref name="actions"/>, and nothing else: a principal key left empty goes, and so does a
    /// statement left with no principal. <see cref="TrustPolicyRemoval.RemainingStatements"/> tells whether anyone is
    /// still trusted (zero means the role would trust nobody, which IAM does not accept as a trust policy).
    /// </summary>
    public static TrustPolicyRemoval Remove(string existingDocument, string roleName, IReadOnlyList<TrustPrincipal> principals, IReadOnlyList<string> actions)
    {
        var document = PolicyJson.Parse(existingDocument, $"trust policy of role {roleName}");
        var statements = PolicyJson.Statements(document);
        var probe = new RoleTrustRequest { RoleName = roleName, Actions = actions };
        var removed = new List<TrustPrincipal>();
        foreach (var statement in statements.OfType<JsonObject>().Where(s => IsAllowFor(s, probe)).ToList())
        {
            if (statement["Principal"] is not JsonObject map)
            {
                continue;
            }

            foreach (var principal in principals.Where(p => Names(statement, p)))
            {
                var key = map.First(p => string.Equals(p.Key, KeyOf(principal.Kind), StringComparison.OrdinalIgnoreCase)).Key;
                var kept = PolicyJson.Strings(map[key]).Where(value => !SameValue(value, principal)).ToList();
                if (kept.Count == 0)
                {
                    map.Remove(key);
                }
                else
                {
                    map[key] = PolicyJson.StringOrArray(kept);
                }

                if (!removed.Contains(principal))
                {
                    removed.Add(principal);
                }
            }

            if (map.Count == 0)
            {
                statements.Remove(statement);
            }
        }

        return removed.Count == 0
            ? new TrustPolicyRemoval(existingDocument, removed, statements.Count)
            : new TrustPolicyRemoval(PolicyJson.Write(document), removed, statements.Count);
    }

    /// <summary>
    /// The requested principals that some Allow statement of <paramref name="existingDocument"/> already trusts without
    /// all of the request's conditions: for them, a merge cannot make the conditions effective. Empty without conditions.
    /// </summary>
    public static IReadOnlyList<TrustPrincipal> Looser(string existingDocument, RoleTrustRequest request)
    {
        if (request.Conditions.Count == 0)
        {
            return Array.Empty<TrustPrincipal>();
        }

        var statements = PolicyJson.Statements(PolicyJson.Parse(existingDocument, $"trust policy of role {request.RoleName}")).OfType<JsonObject>().ToList();
        return request.Principals
            .Where(p => statements.Any(s => IsAllowFor(s, request) && !HasConditions(s, request.Conditions, exactly: false) && Names(s, p)))
            .ToList();
    }

    /// <summary>
    /// Whether <paramref name="document"/> makes each of the request's principals meet <paramref name="condition"/>: some
    /// Allow statement names it and every one that does carries the condition. This is what the trust actually requires,
    /// whatever a request asked for (a looser statement already there, or a stricter one kept from earlier).
    /// </summary>
    public static bool Requires(string document, RoleTrustRequest request, TrustCondition condition)
    {
        var statements = PolicyJson.Statements(PolicyJson.Parse(document, $"trust policy of role {request.RoleName}")).OfType<JsonObject>().ToList();
        return request.Principals.Count > 0 && request.Principals.All(p =>
        {
            var naming = statements.Where(s => IsAllowFor(s, request) && Names(s, p)).ToList();
            return naming.Count > 0 && naming.All(s => HasConditions(s, new[] { condition }, exactly: false));
        });
    }

    private static JsonObject NewStatement(RoleTrustRequest request, IEnumerable<TrustPrincipal> principals)
    {
        var principal = new JsonObject();
        foreach (var group in principals.GroupBy(p => p.Kind).OrderBy(g => g.Key))
        {
            principal[KeyOf(group.Key)] = PolicyJson.StringOrArray(group.Select(p => p.Value).ToList());
        }

        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = principal,
            ["Action"] = PolicyJson.StringOrArray(request.Actions),
        };
        if (request.Conditions.Count > 0)
        {
            var condition = new JsonObject();
            foreach (var byOperator in request.Conditions.GroupBy(c => c.Operator, StringComparer.Ordinal))
            {
                var keys = new JsonObject();
                foreach (var c in byOperator)
                {
                    keys[c.Key] = PolicyJson.StringOrArray(c.Values);
                }

                condition[byOperator.Key] = keys;
            }

            statement["Condition"] = condition;
        }

        return statement;
    }

    private static string KeyOf(TrustPrincipalKind kind) => kind switch
    {
        TrustPrincipalKind.Service => "Service",
        TrustPrincipalKind.Federated => "Federated",
        _ => "AWS",
    };

    private static bool IsAllowFor(JsonObject statement, RoleTrustRequest request) =>
        PolicyJson.Strings(statement["Effect"]).SequenceEqual(new[] { "Allow" })
        && statement["NotAction"] is null
        && statement["NotPrincipal"] is null
        && request.Actions.All(wanted => PolicyJson.Strings(statement["Action"]).Any(action => Covers(action, wanted)));

    private static bool Covers(string action, string wanted)
    {
        if (action == "*" || string.Equals(action, wanted, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var colon = wanted.IndexOf(':');
        return colon > 0 && string.Equals(action, wanted.Substring(0, colon) + ":*", StringComparison.OrdinalIgnoreCase);
    }

    private static bool Names(JsonObject statement, TrustPrincipal principal)
    {
        if (statement["Principal"] is not JsonObject map)
        {
            return false;
        }

        var entry = map.FirstOrDefault(p => string.Equals(p.Key, KeyOf(principal.Kind), StringComparison.OrdinalIgnoreCase)).Value;
        return PolicyJson.Strings(entry).Any(value => principal.Kind == TrustPrincipalKind.Service
            ? string.Equals(value, principal.Value, StringComparison.OrdinalIgnoreCase)
            : string.Equals(value, principal.Value, StringComparison.Ordinal) || IsRootOf(value, principal.Value));
    }

    private static bool SameValue(string value, TrustPrincipal principal) => principal.Kind == TrustPrincipalKind.Service
        ? string.Equals(value, principal.Value, StringComparison.OrdinalIgnoreCase)
        : string.Equals(value, principal.Value, StringComparison.Ordinal) || IsRootOf(value, principal.Value);

    // IAM accepts a bare account id in a trust policy and means the account's root ARN.
    private static bool IsRootOf(string value, string rootArn) =>
        value.Length == 12 && value.All(char.IsDigit) && rootArn.EndsWith(":" + value + ":root", StringComparison.Ordinal);

    /// <summary>
    /// Whether the statement carries every wanted condition (operator and key case-insensitive, values as a set); with
    /// <paramref name="exactly"/>, also no other condition.
    /// </summary>
    private static bool HasConditions(JsonObject statement, IReadOnlyList<TrustCondition> wanted, bool exactly)
    {
        var present = new List<TrustCondition>();
        if (statement["Condition"] is JsonObject operators)
        {
            foreach (var op in operators)
            {
                if (op.Value is JsonObject keys)
                {
                    present.AddRange(keys.Select(k => new TrustCondition(op.Key, k.Key, PolicyJson.Strings(k.Value).ToArray())));
                }
            }
        }

        var allWanted = wanted.All(w => present.Any(p => Same(p, w)));
        return exactly ? allWanted && present.Count == wanted.Count : allWanted;
    }

    private static bool Same(TrustCondition a, TrustCondition b) =>
        string.Equals(a.Operator, b.Operator, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Key, b.Key, StringComparison.OrdinalIgnoreCase)
        && new HashSet<string>(a.Values, StringComparer.Ordinal).SetEquals(b.Values);
}

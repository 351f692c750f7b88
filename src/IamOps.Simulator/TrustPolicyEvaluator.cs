using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IamOps.Simulator;

/// <summary>
/// Decides whether a role's trust policy lets a caller perform an STS action: Principal (account root, account id,
/// user, role or session ARN, <c>*</c>), Action/NotAction, and the common condition operators (String*, Bool, Null,
/// Arn*, Numeric*, Date*, with IfExists and ForAnyValue/ForAllValues). Explicit Deny wins. A stand-in for the policy engine.
/// </summary>
internal static class TrustPolicyEvaluator
{
    /// <param name="callerArns">Every ARN the caller answers to: the user ARN, or the session ARN and its role's ARN.</param>
    /// <param name="context">Condition keys (case-insensitive) and their values.</param>
    public static bool Allows(string document, string action, string callerAccount, IReadOnlyCollection<string> callerArns, IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        using var parsed = JsonDocument.Parse(document);
        var statements = parsed.RootElement.GetProperty("Statement");
        var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : new List<JsonElement> { statements };
        var allowed = false;
        foreach (var statement in list)
        {
            if (!ActionMatches(statement, action) || !PrincipalMatches(statement, callerAccount, callerArns) || !ConditionsHold(statement, context))
            {
                continue;
            }

            if (statement.GetProperty("Effect").GetString() == "Deny")
            {
                return false;
            }

            allowed = true;
        }

        return allowed;
    }

    /// <summary>IAM's wildcard match: <c>*</c> any run, <c>?</c> one character.</summary>
    public static bool WildcardMatch(string pattern, string value, bool ignoreCase)
    {
        var regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$";
        return Regex.IsMatch(value, regex, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    private static bool ActionMatches(JsonElement statement, string action)
    {
        if (statement.TryGetProperty("Action", out var actions))
        {
            return PolicyDocumentCheck.Strings(actions).Any(a => WildcardMatch(a, action, ignoreCase: true));
        }

        return statement.TryGetProperty("NotAction", out var notActions)
            && !PolicyDocumentCheck.Strings(notActions).Any(a => WildcardMatch(a, action, ignoreCase: true));
    }

    private static bool PrincipalMatches(JsonElement statement, string callerAccount, IReadOnlyCollection<string> callerArns)
    {
        if (!statement.TryGetProperty("Principal", out var principal))
        {
            return false;
        }

        if (principal.ValueKind == JsonValueKind.String)
        {
            return principal.GetString() == "*";
        }

        // Service, Federated and CanonicalUser principals never match an IAM user or role session.
        if (principal.ValueKind != JsonValueKind.Object || !principal.TryGetProperty("AWS", out var aws))
        {
            return false;
        }

        foreach (var value in PolicyDocumentCheck.Strings(aws))
        {
            if (value == "*" || value == callerAccount || value == $"arn:aws:iam::{callerAccount}:root" || callerArns.Contains(value, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ConditionsHold(JsonElement statement, IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        if (!statement.TryGetProperty("Condition", out var condition))
        {
            return true;
        }

        foreach (var block in condition.EnumerateObject())
        {
            foreach (var key in block.Value.EnumerateObject())
            {
                var expected = key.Value.ValueKind == JsonValueKind.Array
                    ? key.Value.EnumerateArray().Select(Text).ToList()
                    : new List<string> { Text(key.Value) };
                context.TryGetValue(key.Name, out var actual);
                if (!ConditionHolds(block.Name, expected, actual))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetString() ?? string.Empty,
    };

    private static bool ConditionHolds(string operatorName, List<string> expected, IReadOnlyList<string>? actual)
    {
        var name = operatorName;
        var quantifier = string.Empty;
        var colon = name.IndexOf(':');
        if (colon > 0)
        {
            quantifier = name.Substring(0, colon);
            name = name.Substring(colon + 1);
        }

        var ifExists = name.EndsWith("IfExists", StringComparison.Ordinal);
        if (ifExists)
        {
            name = name.Substring(0, name.Length - "IfExists".Length);
        }

        var present = actual is { Count: > 0 };
        if (name == "Null")
        {
            return expected.Any(e => string.Equals(e, "true", StringComparison.OrdinalIgnoreCase) ? !present : present);
        }

        var negated = name.Contains("Not");
        if (quantifier == "ForAllValues")
        {
            return !present || actual!.All(v => ValueMatches(name, negated, expected, v));
        }

        if (!present)
        {
            return ifExists || (negated && quantifier != "ForAnyValue");
        }

        if (quantifier == "ForAnyValue")
        {
            return actual!.Any(v => ValueMatches(name, negated, expected, v));
        }

        // Single-valued keys: positive operators need one match, negated ones need none.
        return negated
            ? actual!.All(v => ValueMatches(name, negated, expected, v))
            : actual!.Any(v => ValueMatches(name, negated, expected, v));
    }

    /// <summary>Whether one context value satisfies the operator (for a negated operator: matches none of the values).</summary>
    private static bool ValueMatches(string name, bool negated, List<string> expected, string value)
    {
        var positive = name.Replace("Not", string.Empty);
        var hit = expected.Any(e => positive switch
        {
            "StringEquals" => string.Equals(e, value, StringComparison.Ordinal),
            "StringEqualsIgnoreCase" => string.Equals(e, value, StringComparison.OrdinalIgnoreCase),
            "StringLike" => WildcardMatch(e, value, ignoreCase: false),
            "Bool" => string.Equals(e, value, StringComparison.OrdinalIgnoreCase),
            "ArnEquals" or "ArnLike" => WildcardMatch(e, value, ignoreCase: false),
            "NumericEquals" => Compare(value, e) is 0,
            "NumericLessThan" => Compare(value, e) is < 0,
            "NumericLessThanEquals" => Compare(value, e) is <= 0,
            "NumericGreaterThan" => Compare(value, e) is > 0,
            "NumericGreaterThanEquals" => Compare(value, e) is >= 0,
            "DateEquals" => CompareDates(value, e) is 0,
            "DateLessThan" => CompareDates(value, e) is < 0,
            "DateLessThanEquals" => CompareDates(value, e) is <= 0,
            "DateGreaterThan" => CompareDates(value, e) is > 0,
            "DateGreaterThanEquals" => CompareDates(value, e) is >= 0,
            _ => false,
        });
        return negated ? !hit : hit;
    }

    /// <summary>Dates as ISO 8601 or epoch seconds; null when either side is neither.</summary>
    private static int? CompareDates(string left, string right) =>
        ParseDate(left) is { } l && ParseDate(right) is { } r ? l.CompareTo(r) : null;

    private static DateTimeOffset? ParseDate(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    /// <summary>Null when either side is not a number: the condition then does not match.</summary>
    private static int? Compare(string left, string right) =>
        double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
            ? l.CompareTo(r)
            : null;
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace IamOps.Simulator;

/// <summary>
/// The structural grammar check IAM applies before storing a policy (JSON, Version, Statement, Effect, Action,
/// Resource, Principal, Sid, Condition), and IAM's way of measuring size: whitespace outside strings does not count.
/// A stand-in until the policy engine's validator is merged; it never judges whether a policy is wise.
/// </summary>
internal static class PolicyDocumentCheck
{
    private static readonly Regex SidPattern = new("^[0-9A-Za-z]*$", RegexOptions.CultureInvariant);
    private static readonly Regex ActionPattern = new(@"^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$", RegexOptions.CultureInvariant);
    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal) { "Version", "Id", "Statement" };
    private static readonly HashSet<string> StatementKeys = new(StringComparer.Ordinal)
    {
        "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
    };

    private static readonly HashSet<string> PrincipalKeys = new(StringComparer.Ordinal) { "AWS", "Service", "Federated", "CanonicalUser" };

    /// <summary>The characters IAM's API model allows in a policy document: tab, LF, CR and U+0020 to U+00FF.</summary>
    public static void CheckCharacters(string member, string? document)
    {
        if (document is null)
        {
            throw ServiceError.Missing(member);
        }

        IamNameRules.CheckLength(member, document, 1, 131072);
        foreach (var c in document)
        {
            if (c is not ('\t' or '\n' or '\r') && (c < '\u0020' || c > '\u00FF'))
            {
                throw ServiceError.Constraint(member, document, @"Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+");
            }
        }
    }

    /// <summary>The size IAM counts: every character except whitespace outside string literals (the module's own rule).</summary>
    public static int CountedSize(string document) => IamOps.Policies.PolicySize.Count(document);

    /// <param name="principalExists">For trust policies: whether an ARN of this account names an existing principal.</param>
    public static void Check(string document, PolicyKind kind, Func<string, bool>? principalExists = null)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(document);
        }
        catch (JsonException)
        {
            throw ServiceError.Malformed("Syntax errors in policy.");
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ServiceError.Malformed("Syntax errors in policy.");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!TopLevel.Contains(property.Name))
                {
                    throw ServiceError.Malformed("Syntax errors in policy.");
                }
            }

            if (root.TryGetProperty("Version", out var version)
                && (version.ValueKind != JsonValueKind.String || version.GetString() is not ("2012-10-17" or "2008-10-17")))
            {
                throw ServiceError.Malformed("The policy failed legacy parsing");
            }

            if (!root.TryGetProperty("Statement", out var statements))
            {
                throw ServiceError.Malformed("Syntax errors in policy.");
            }

            var list = statements.ValueKind switch
            {
                JsonValueKind.Object => new List<JsonElement> { statements },
                JsonValueKind.Array => statements.EnumerateArray().ToList(),
                _ => throw ServiceError.Malformed("Syntax errors in policy."),
            };
            if (list.Count == 0)
            {
                throw ServiceError.Malformed("Syntax errors in policy.");
            }

            var sids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var statement in list)
            {
                CheckStatement(statement, kind, sids, principalExists);
            }
        }
    }

    private static void CheckStatement(JsonElement statement, PolicyKind kind, HashSet<string> sids, Func<string, bool>? principalExists)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            throw ServiceError.Malformed("Syntax errors in policy.");
        }

        foreach (var property in statement.EnumerateObject())
        {
            if (!StatementKeys.Contains(property.Name))
            {
                throw ServiceError.Malformed("Syntax errors in policy.");
            }
        }

        if (statement.TryGetProperty("Sid", out var sid))
        {
            var text = sid.ValueKind == JsonValueKind.String ? sid.GetString()! : throw ServiceError.Malformed("Syntax errors in policy.");
            if (!SidPattern.IsMatch(text))
            {
                throw ServiceError.Malformed("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
            }

            if (text.Length > 0 && !sids.Add(text))
            {
                throw ServiceError.Malformed("Statement IDs (SID) in a single policy must be unique.");
            }
        }

        if (!statement.TryGetProperty("Effect", out var effect) || effect.ValueKind != JsonValueKind.String)
        {
            throw ServiceError.Malformed("Missing required field Effect");
        }

        if (effect.GetString() is not ("Allow" or "Deny"))
        {
            throw ServiceError.Malformed("Invalid effect: " + effect.GetString());
        }

        var actions = OneOf(statement, "Action", "NotAction", "Policy statement must contain actions.");
        foreach (var action in actions)
        {
            if (action != "*" && !ActionPattern.IsMatch(action))
            {
                throw ServiceError.Malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }

            if (kind == PolicyKind.Trust && action != "*" && !action.StartsWith("sts:", StringComparison.OrdinalIgnoreCase))
            {
                throw ServiceError.Malformed("AssumeRole policy may only specify STS AssumeRole actions.");
            }
        }

        var hasPrincipal = statement.TryGetProperty("Principal", out var principal);
        var hasNotPrincipal = statement.TryGetProperty("NotPrincipal", out _);
        if (kind == PolicyKind.Identity)
        {
            if (hasPrincipal || hasNotPrincipal)
            {
                throw ServiceError.Malformed("Policy document should not specify a principal.");
            }

            foreach (var resource in OneOf(statement, "Resource", "NotResource", "Policy statement must contain resources."))
            {
                if (resource != "*" && !resource.StartsWith("arn:", StringComparison.Ordinal))
                {
                    throw ServiceError.Malformed($"Resource {resource} must be in ARN format or \"*\".");
                }
            }
        }
        else
        {
            if (statement.TryGetProperty("Resource", out _) || statement.TryGetProperty("NotResource", out _))
            {
                throw ServiceError.Malformed("Has prohibited field Resource");
            }

            if (hasNotPrincipal)
            {
                throw ServiceError.Malformed("Has prohibited field NotPrincipal");
            }

            if (!hasPrincipal)
            {
                throw ServiceError.Malformed("Missing required field Principal");
            }

            CheckPrincipal(principal, principalExists);
        }

        if (statement.TryGetProperty("Condition", out var condition))
        {
            CheckCondition(condition);
        }
    }

    private static List<string> OneOf(JsonElement statement, string name, string notName, string missingMessage)
    {
        var has = statement.TryGetProperty(name, out var value);
        var hasNot = statement.TryGetProperty(notName, out var notValue);
        if (has && hasNot)
        {
            throw ServiceError.Malformed("Syntax errors in policy.");
        }

        if (!has && !hasNot)
        {
            throw ServiceError.Malformed(missingMessage);
        }

        return Strings(has ? value : notValue);
    }

    /// <summary>A string or a non-empty array of strings, as every policy element that lists values is.</summary>
    internal static List<string> Strings(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return new List<string> { element.GetString()! };
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            var values = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw ServiceError.Malformed("Syntax errors in policy.");
                }

                values.Add(item.GetString()!);
            }

            if (values.Count > 0)
            {
                return values;
            }
        }

        throw ServiceError.Malformed("Syntax errors in policy.");
    }

    private static void CheckPrincipal(JsonElement principal, Func<string, bool>? principalExists)
    {
        if (principal.ValueKind == JsonValueKind.String)
        {
            if (principal.GetString() != "*")
            {
                throw ServiceError.Malformed($"Invalid principal in policy: \"{principal.GetString()}\"");
            }

            return;
        }

        if (principal.ValueKind != JsonValueKind.Object)
        {
            throw ServiceError.Malformed("Syntax errors in policy.");
        }

        foreach (var property in principal.EnumerateObject())
        {
            if (!PrincipalKeys.Contains(property.Name))
            {
                throw ServiceError.Malformed($"Invalid principal in policy: \"{property.Name}\"");
            }

            foreach (var value in Strings(property.Value))
            {
                if (property.Name == "AWS" && !IsAwsPrincipal(value, principalExists))
                {
                    throw ServiceError.Malformed($"Invalid principal in policy: \"AWS\":\"{value}\"");
                }

                if (property.Name == "Service" && !value.Contains('.'))
                {
                    throw ServiceError.Malformed($"Invalid principal in policy: \"SERVICE\":\"{value}\"");
                }
            }
        }
    }

    private static bool IsAwsPrincipal(string value, Func<string, bool>? principalExists)
    {
        if (value == "*" || Regex.IsMatch(value, @"^\d{12}$"))
        {
            return true;
        }

        var parts = value.Split(new[] { ':' }, 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] is not ("iam" or "sts") || !Regex.IsMatch(parts[4], @"^\d{12}$"))
        {
            return false;
        }

        return parts[5] == "root" || principalExists is null || principalExists(value);
    }

    private static void CheckCondition(JsonElement condition)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            throw ServiceError.Malformed("Syntax errors in policy.");
        }

        foreach (var block in condition.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                throw ServiceError.Malformed("Syntax errors in policy.");
            }

            foreach (var key in block.Value.EnumerateObject())
            {
                var ok = key.Value.ValueKind switch
                {
                    JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => true,
                    JsonValueKind.Array => key.Value.EnumerateArray().All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number),
                    _ => false,
                };
                if (!ok)
                {
                    throw ServiceError.Malformed("Syntax errors in policy.");
                }
            }
        }
    }
}

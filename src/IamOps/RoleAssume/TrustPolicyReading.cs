using System.Text.Json;

namespace IamOps.RoleAssume;

/// <summary>
/// What a role's trust policy says about one caller, read to explain an AccessDenied: does it name the caller (directly,
/// or only through the account, so identity policies must also allow sts:AssumeRole), and which conditions it sets.
/// </summary>
public sealed class TrustPolicyReading
{
    private TrustPolicyReading(bool namesCallerDirectly, bool namesCallerAccount, bool requiresExternalId, bool requiresMfa)
    {
        NamesCallerDirectly = namesCallerDirectly;
        NamesCallerAccount = namesCallerAccount;
        RequiresExternalId = requiresExternalId;
        RequiresMfa = requiresMfa;
    }

    /// <summary>An Allow for sts:AssumeRole names the caller's ARN, its role, or everyone.</summary>
    public bool NamesCallerDirectly { get; }

    /// <summary>An Allow for sts:AssumeRole names the caller's account (root or id).</summary>
    public bool NamesCallerAccount { get; }

    /// <summary>A statement naming the caller has an sts:ExternalId condition.</summary>
    public bool RequiresExternalId { get; }

    /// <summary>A statement naming the caller has an aws:MultiFactorAuthPresent or aws:MultiFactorAuthAge condition.</summary>
    public bool RequiresMfa { get; }

    public bool NamesCaller => NamesCallerDirectly || NamesCallerAccount;

    /// <param name="callerArns">The caller's ARN, and for an assumed role also the role's ARN.</param>
    public static TrustPolicyReading Read(string trustPolicy, string callerAccount, IReadOnlyCollection<string> callerArns)
    {
        bool direct = false, account = false, externalId = false, mfa = false;
        using var document = JsonDocument.Parse(trustPolicy);
        if (!document.RootElement.TryGetProperty("Statement", out var statements))
        {
            return new TrustPolicyReading(false, false, false, false);
        }

        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : new List<JsonElement> { statements })
        {
            if (!IsAllow(statement) || !AllowsAssumeRole(statement))
            {
                continue;
            }

            var principals = AwsPrincipals(statement).ToList();
            var namesDirectly = principals.Any(p => p == "*" || callerArns.Contains(p, StringComparer.Ordinal));
            var namesAccount = principals.Any(p => p == callerAccount || p.EndsWith(":" + callerAccount + ":root", StringComparison.Ordinal));
            if (!namesDirectly && !namesAccount)
            {
                continue;
            }

            direct |= namesDirectly;
            account |= namesAccount;
            var conditions = statement.TryGetProperty("Condition", out var condition) ? condition.GetRawText() : string.Empty;
            externalId |= conditions.IndexOf("sts:ExternalId", StringComparison.OrdinalIgnoreCase) >= 0;
            mfa |= conditions.IndexOf("aws:MultiFactorAuth", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        return new TrustPolicyReading(direct, account, externalId, mfa);
    }

    private static bool IsAllow(JsonElement statement) =>
        statement.TryGetProperty("Effect", out var effect) && effect.ValueKind == JsonValueKind.String && effect.GetString() == "Allow";

    private static bool AllowsAssumeRole(JsonElement statement) =>
        statement.TryGetProperty("Action", out var action)
        && Strings(action).Any(a => a == "*" || string.Equals(a, "sts:*", StringComparison.OrdinalIgnoreCase) || string.Equals(a, "sts:AssumeRole", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> AwsPrincipals(JsonElement statement)
    {
        if (!statement.TryGetProperty("Principal", out var principal))
        {
            return Enumerable.Empty<string>();
        }

        if (principal.ValueKind == JsonValueKind.String)
        {
            return Strings(principal);
        }

        return principal.ValueKind == JsonValueKind.Object && principal.TryGetProperty("AWS", out var aws) ? Strings(aws) : Enumerable.Empty<string>();
    }

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new[] { value.GetString() ?? string.Empty },
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString() ?? string.Empty).ToList(),
        _ => Enumerable.Empty<string>(),
    };
}

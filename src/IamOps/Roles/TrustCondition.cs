namespace IamOps.Roles;

/// <summary>One condition of a trust statement, e.g. Bool aws:MultiFactorAuthPresent true or StringEquals sts:ExternalId x.</summary>
public sealed record TrustCondition
{
    public TrustCondition(string @operator, string key, params string[] values)
    {
        Operator = @operator;
        Key = key;
        Values = values;
    }

    /// <summary>The condition operator, e.g. StringEquals.</summary>
    public string Operator { get; }

    /// <summary>The condition key, e.g. sts:ExternalId.</summary>
    public string Key { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>The documented MFA condition for trust policies.</summary>
    public static TrustCondition RequireMfa() => new("Bool", "aws:MultiFactorAuthPresent", "true");

    /// <summary>The confused-deputy guard for cross-account roles.</summary>
    public static TrustCondition ExternalId(string externalId) => new("StringEquals", "sts:ExternalId", externalId);
}

namespace IamOps.Policy;

/// <summary>A condition key from the catalog, e.g. aws:SourceIp or s3:prefix; names with ${TagKey} (or &lt;key&gt;) stand for a family.</summary>
public sealed class ConditionKeyDefinition
{
    internal ConditionKeyDefinition(string name, ConditionValueType valueType, bool isMultivalued)
    {
        Name = name;
        ValueType = valueType;
        IsMultivalued = isMultivalued;
        // Families are written with ${TagKey}, or <key> for a few S3 keys.
        var variable = name.IndexOf("${", StringComparison.Ordinal);
        if (variable < 0)
        {
            variable = name.IndexOf('<');
        }

        TemplatePrefix = variable >= 0 ? name.Substring(0, variable) : null;
    }

    /// <summary>The key as documented, e.g. "aws:PrincipalTag/${TagKey}".</summary>
    public string Name { get; }

    /// <summary>The type of each value.</summary>
    public ConditionValueType ValueType { get; }

    /// <summary>True for ArrayOf types: the request can carry several values (use ForAnyValue/ForAllValues).</summary>
    public bool IsMultivalued { get; }

    /// <summary>For a family such as aws:ResourceTag/${TagKey}, the text before the variable; else null.</summary>
    internal string? TemplatePrefix { get; }

    internal static ConditionKeyDefinition FromCatalogType(string name, string type)
    {
        var multivalued = type.StartsWith("ArrayOf", StringComparison.Ordinal);
        var single = multivalued ? type.Substring("ArrayOf".Length) : type;
        var valueType = single switch
        {
            "ARN" => ConditionValueType.Arn,
            "Bool" => ConditionValueType.Bool,
            "Numeric" => ConditionValueType.Numeric,
            "Date" => ConditionValueType.Date,
            "IPAddress" => ConditionValueType.IPAddress,
            "Binary" => ConditionValueType.Binary,
            _ => ConditionValueType.String,
        };
        return new ConditionKeyDefinition(name, valueType, multivalued);
    }

    /// <summary>True when a key written in a policy is this key or a member of this family (ignoring case).</summary>
    public bool Matches(string key)
    {
        if (TemplatePrefix is null)
        {
            return string.Equals(Name, key, StringComparison.OrdinalIgnoreCase);
        }

        return key.Length > TemplatePrefix.Length && key.StartsWith(TemplatePrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

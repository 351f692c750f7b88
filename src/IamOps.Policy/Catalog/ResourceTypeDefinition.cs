namespace IamOps.Policy;

/// <summary>A resource type of a service, with its ARN format, e.g. iam "role" → arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}.</summary>
public sealed class ResourceTypeDefinition
{
    private ArnFormat? format;

    internal ResourceTypeDefinition(string name, string arnFormat, IReadOnlyList<ConditionKeyDefinition> conditionKeys)
    {
        Name = name;
        ArnFormat = arnFormat;
        ConditionKeys = conditionKeys;
    }

    /// <summary>The type's name, e.g. "object".</summary>
    public string Name { get; }

    /// <summary>The documented ARN format with ${...} placeholders.</summary>
    public string ArnFormat { get; }

    /// <summary>Condition keys that apply to this resource type.</summary>
    public IReadOnlyList<ConditionKeyDefinition> ConditionKeys { get; }

    /// <summary>The format read for matching, built on first use.</summary>
    internal ArnFormat Format => format ??= new ArnFormat(ArnFormat);

    /// <inheritdoc />
    public override string ToString() => Name;
}

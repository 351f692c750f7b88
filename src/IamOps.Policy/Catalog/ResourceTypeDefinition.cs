namespace IamOps.Policy;

/// <summary>A resource type of a service, with its ARN format, e.g. iam "role" → arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}.</summary>
public sealed class ResourceTypeDefinition
{
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

    /// <inheritdoc />
    public override string ToString() => Name;
}

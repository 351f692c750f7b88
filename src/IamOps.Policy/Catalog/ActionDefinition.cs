namespace IamOps.Policy;

/// <summary>An action of a service, e.g. s3:GetObject, with its access level, resource types and condition keys.</summary>
public sealed class ActionDefinition
{
    private HashSet<ConditionKeyDefinition>? supportedKeys;

    internal ActionDefinition(string servicePrefix, string name, AccessLevel accessLevel, IReadOnlyList<ActionResourceType> resourceTypes, IReadOnlyList<ConditionKeyDefinition> conditionKeys)
    {
        ServicePrefix = servicePrefix;
        Name = name;
        FullName = servicePrefix + ":" + name;
        AccessLevel = accessLevel;
        ResourceTypes = resourceTypes;
        ConditionKeys = conditionKeys;
    }

    /// <summary>The service prefix, e.g. "s3".</summary>
    public string ServicePrefix { get; }

    /// <summary>The action name, e.g. "GetObject".</summary>
    public string Name { get; }

    /// <summary>"prefix:Name" as written in policies.</summary>
    public string FullName { get; }

    /// <summary>The access level.</summary>
    public AccessLevel AccessLevel { get; }

    /// <summary>The resource types it accepts; empty when it only accepts Resource "*".</summary>
    public IReadOnlyList<ActionResourceType> ResourceTypes { get; }

    /// <summary>Condition keys the action itself supports (resource types add theirs).</summary>
    public IReadOnlyList<ConditionKeyDefinition> ConditionKeys { get; }

    /// <summary>True when the action or one of its resource types supports the key (the catalog's own definition of it).</summary>
    internal bool Supports(ConditionKeyDefinition key)
    {
        var keys = supportedKeys;
        if (keys is null)
        {
            keys = new HashSet<ConditionKeyDefinition>(ConditionKeys);
            foreach (var type in ResourceTypes)
            {
                keys.UnionWith(type.ResourceType.ConditionKeys);
            }

            supportedKeys = keys;
        }

        return keys.Contains(key);
    }

    /// <summary>
    /// True when a request may name <paramref name="resource"/> for this action: "*" always, else an ARN of one of its
    /// resource types (an action without resource types takes only "*").
    /// </summary>
    public bool AcceptsResource(string resource)
    {
        if (resource == "*")
        {
            return true;
        }

        var arn = new Evaluation.ArnParts(resource ?? throw new ArgumentNullException(nameof(resource)));
        if (!arn.IsArn)
        {
            return false;
        }

        foreach (var taken in ResourceTypes)
        {
            if (taken.ResourceType.Format.Accepts(arn.Part(2), arn.Part(5)))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => FullName;
}

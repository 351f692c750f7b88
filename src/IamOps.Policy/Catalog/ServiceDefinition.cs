namespace IamOps.Policy;

/// <summary>One AWS service of the catalog: its actions, resource types and condition keys.</summary>
public sealed class ServiceDefinition
{
    private readonly Dictionary<string, ActionDefinition> actionsByName;
    private readonly Dictionary<string, ResourceTypeDefinition> resourceTypesByName;
    private readonly ConditionKeyIndex conditionKeyIndex;

    internal ServiceDefinition(string prefix, string name, IReadOnlyList<ActionDefinition> actions, IReadOnlyList<ResourceTypeDefinition> resourceTypes, IReadOnlyList<ConditionKeyDefinition> conditionKeys)
    {
        Prefix = prefix;
        Name = name;
        Actions = actions;
        ResourceTypes = resourceTypes;
        ConditionKeys = conditionKeys;
        actionsByName = new Dictionary<string, ActionDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var action in actions)
        {
            actionsByName[action.Name] = action;
        }

        conditionKeyIndex = new ConditionKeyIndex(conditionKeys);
        resourceTypesByName = new Dictionary<string, ResourceTypeDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in resourceTypes)
        {
            resourceTypesByName[type.Name] = type;
        }
    }

    /// <summary>The prefix used in actions, e.g. "s3".</summary>
    public string Prefix { get; }

    /// <summary>The service's display name.</summary>
    public string Name { get; }

    /// <summary>Every action.</summary>
    public IReadOnlyList<ActionDefinition> Actions { get; }

    /// <summary>Every resource type.</summary>
    public IReadOnlyList<ResourceTypeDefinition> ResourceTypes { get; }

    /// <summary>Every service condition key (including aws: keys the service lists).</summary>
    public IReadOnlyList<ConditionKeyDefinition> ConditionKeys { get; }

    /// <summary>Finds an action by name, ignoring case.</summary>
    public ActionDefinition? FindAction(string name) => actionsByName.TryGetValue(name, out var action) ? action : null;

    /// <summary>Finds a resource type by name, ignoring case.</summary>
    public ResourceTypeDefinition? FindResourceType(string name) => resourceTypesByName.TryGetValue(name, out var type) ? type : null;

    /// <summary>Finds a condition key of this service (families such as s3:ExistingObjectTag/${TagKey} included).</summary>
    public ConditionKeyDefinition? FindConditionKey(string key) => conditionKeyIndex.Find(key);

    /// <inheritdoc />
    public override string ToString() => Prefix;
}

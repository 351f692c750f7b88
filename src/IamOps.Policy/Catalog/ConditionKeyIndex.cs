namespace IamOps.Policy;

/// <summary>Finds a condition key by name ignoring case: exact names through a dictionary, ${...} families by prefix.</summary>
internal sealed class ConditionKeyIndex
{
    private readonly Dictionary<string, ConditionKeyDefinition> exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ConditionKeyDefinition> families = new();

    public ConditionKeyIndex(IEnumerable<ConditionKeyDefinition> keys)
    {
        foreach (var key in keys)
        {
            if (key.TemplatePrefix is null)
            {
                if (!exact.ContainsKey(key.Name))
                {
                    exact[key.Name] = key;
                }
            }
            else
            {
                families.Add(key);
            }
        }
    }

    public ConditionKeyDefinition? Find(string key)
    {
        if (exact.TryGetValue(key, out var found))
        {
            return found;
        }

        foreach (var family in families)
        {
            if (family.Matches(key))
            {
                return family;
            }
        }

        return null;
    }
}

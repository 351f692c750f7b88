namespace IamOps.Policy;

/// <summary>A service's lines in the catalog text, parsed into a <see cref="ServiceDefinition"/> on first use.</summary>
internal sealed class ServiceSection
{
    private readonly Lazy<ServiceDefinition> definition;

    public ServiceSection(string text, string prefix, string name, int start, int end)
        => definition = new Lazy<ServiceDefinition>(() => Parse(text, prefix, name, start, end), LazyThreadSafetyMode.ExecutionAndPublication);

    public ServiceDefinition Definition => definition.Value;

    private static ServiceDefinition Parse(string text, string prefix, string name, int start, int end)
    {
        var keys = new List<ConditionKeyDefinition>();
        var resourceTypes = new List<ResourceTypeDefinition>();
        var resourceByName = new Dictionary<string, ResourceTypeDefinition>(StringComparer.OrdinalIgnoreCase);
        var actions = new List<ActionDefinition>();
        var position = start;
        while (position < end)
        {
            var lineEnd = text.IndexOf('\n', position);
            if (lineEnd < 0 || lineEnd > end)
            {
                lineEnd = end;
            }

            if (lineEnd > position)
            {
                var fields = text.Substring(position, lineEnd - position).Split('\t');
                switch (fields[0])
                {
                    case "K":
                        keys.Add(ConditionKeyDefinition.FromCatalogType(fields[1], fields[2]));
                        break;
                    case "R":
                        var type = new ResourceTypeDefinition(fields[1], fields[2], KeyList(fields, 3, keys));
                        resourceTypes.Add(type);
                        resourceByName[type.Name] = type;
                        break;
                    case "A":
                        actions.Add(new ActionDefinition(prefix, fields[1], Level(fields[2]), ResourceList(fields, resourceByName), KeyList(fields, 4, keys)));
                        break;
                }
            }

            position = lineEnd + 1;
        }

        return new ServiceDefinition(prefix, name, actions, resourceTypes, keys);
    }

    private static AccessLevel Level(string letter) => letter switch
    {
        "R" => AccessLevel.Read,
        "L" => AccessLevel.List,
        "T" => AccessLevel.Tagging,
        "P" => AccessLevel.PermissionsManagement,
        _ => AccessLevel.Write,
    };

    private static IReadOnlyList<ConditionKeyDefinition> KeyList(string[] fields, int index, List<ConditionKeyDefinition> keys)
    {
        if (fields.Length <= index || fields[index].Length == 0)
        {
            return Array.Empty<ConditionKeyDefinition>();
        }

        var parts = fields[index].Split(',');
        var result = new ConditionKeyDefinition[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            result[i] = keys[int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture)];
        }

        return result;
    }

    private static IReadOnlyList<ActionResourceType> ResourceList(string[] fields, Dictionary<string, ResourceTypeDefinition> byName)
    {
        if (fields.Length <= 3 || fields[3].Length == 0)
        {
            return Array.Empty<ActionResourceType>();
        }

        var result = new List<ActionResourceType>();
        foreach (var part in fields[3].Split(','))
        {
            var required = part.EndsWith("*", StringComparison.Ordinal);
            var typeName = required ? part.Substring(0, part.Length - 1) : part;
            if (byName.TryGetValue(typeName, out var type))
            {
                result.Add(new ActionResourceType(type, required));
            }
        }

        return result;
    }
}

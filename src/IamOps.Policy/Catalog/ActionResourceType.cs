namespace IamOps.Policy;

/// <summary>A resource type an action accepts, and whether the action requires it.</summary>
public sealed class ActionResourceType
{
    internal ActionResourceType(ResourceTypeDefinition resourceType, bool required)
    {
        ResourceType = resourceType;
        Required = required;
    }

    /// <summary>The resource type.</summary>
    public ResourceTypeDefinition ResourceType { get; }

    /// <summary>True when marked required in the Service Authorization Reference.</summary>
    public bool Required { get; }
}

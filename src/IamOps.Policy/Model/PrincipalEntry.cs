namespace IamOps.Policy;

/// <summary>One principal type of a Principal or NotPrincipal element, e.g. "AWS" with its ARNs.</summary>
public sealed class PrincipalEntry
{
    /// <summary>Creates an entry.</summary>
    public PrincipalEntry(string type, PolicyValueList values)
    {
        Type = type ?? throw new ArgumentNullException(nameof(type));
        Values = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>AWS, Service, Federated or CanonicalUser (as written).</summary>
    public string Type { get; }

    /// <summary>The principals of this type.</summary>
    public PolicyValueList Values { get; }
}

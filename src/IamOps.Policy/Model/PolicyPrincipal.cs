namespace IamOps.Policy;

/// <summary>A Principal or NotPrincipal element: either the wildcard "*" or principals grouped by type.</summary>
public sealed class PolicyPrincipal
{
    /// <summary>Creates a principal element.</summary>
    public PolicyPrincipal(bool isWildcard, IEnumerable<PrincipalEntry> entries, SourceLocation location)
    {
        IsWildcard = isWildcard;
        Entries = (entries ?? throw new ArgumentNullException(nameof(entries))).ToArray();
        Location = location;
    }

    /// <summary>True for <c>"Principal": "*"</c>.</summary>
    public bool IsWildcard { get; }

    /// <summary>The typed principals (empty for the wildcard form).</summary>
    public IReadOnlyList<PrincipalEntry> Entries { get; }

    /// <summary>Where the element's name is written.</summary>
    public SourceLocation Location { get; }

    /// <summary>True when the wildcard form is used or any typed value is "*" (e.g. <c>{"AWS": "*"}</c>).</summary>
    public bool IsOpenToEveryone => IsWildcard || Entries.Any(e => e.Values.Any(v => v.Text == "*"));
}

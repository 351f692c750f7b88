using System.Collections;

namespace IamOps.Policy;

/// <summary>The values of one element (Action, Resource, a principal type, a condition key), with the element's location.</summary>
public sealed class PolicyValueList : IReadOnlyList<PolicyValue>
{
    private readonly PolicyValue[] values;

    /// <summary>Creates a list.</summary>
    public PolicyValueList(IEnumerable<PolicyValue> values, SourceLocation location, bool isArray)
    {
        this.values = (values ?? throw new ArgumentNullException(nameof(values))).ToArray();
        Location = location;
        IsArray = isArray;
    }

    /// <summary>Where the element's name is written.</summary>
    public SourceLocation Location { get; }

    /// <summary>True when written as a JSON array rather than a single scalar.</summary>
    public bool IsArray { get; }

    /// <inheritdoc />
    public int Count => values.Length;

    /// <inheritdoc />
    public PolicyValue this[int index] => values[index];

    /// <inheritdoc />
    public IEnumerator<PolicyValue> GetEnumerator() => ((IEnumerable<PolicyValue>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => values.GetEnumerator();
}

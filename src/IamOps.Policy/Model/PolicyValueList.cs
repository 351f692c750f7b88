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

    private PolicyValueList(PolicyValue[] values, SourceLocation location, bool isArray)
    {
        this.values = values;
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

    /// <summary>Wraps an array the caller gives up (no copy).</summary>
    internal static PolicyValueList Own(PolicyValue[] values, SourceLocation location, bool isArray) => new(values, location, isArray);

    /// <summary>True when a value is exactly <paramref name="text"/>.</summary>
    internal bool ContainsText(string text)
    {
        foreach (var value in values)
        {
            if (value.Text == text)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Enumerates without allocating (foreach over this type uses it).</summary>
    public Enumerator GetEnumerator() => new(values);

    IEnumerator<PolicyValue> IEnumerable<PolicyValue>.GetEnumerator() => ((IEnumerable<PolicyValue>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => values.GetEnumerator();

    /// <summary>An allocation-free enumerator over the values.</summary>
    public struct Enumerator
    {
        private readonly PolicyValue[] values;
        private int index;

        internal Enumerator(PolicyValue[] values)
        {
            this.values = values;
            index = -1;
        }

        /// <summary>The current value.</summary>
        public readonly PolicyValue Current => values[index];

        /// <summary>Moves to the next value.</summary>
        public bool MoveNext() => ++index < values.Length;
    }
}

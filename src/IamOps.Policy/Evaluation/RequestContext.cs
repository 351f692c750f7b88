using System.Collections;
using IamOps.Policy.Evaluation;

namespace IamOps.Policy;

/// <summary>The condition context of a request: key names ignore case; each key has one or several string values.</summary>
public sealed class RequestContext : IEnumerable<KeyValuePair<string, IReadOnlyList<string>>>
{
    private readonly Dictionary<string, ContextEntry> entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Number of keys.</summary>
    public int Count => entries.Count;

    /// <summary>Sets a key to one or more values (replacing earlier values); an empty array is a present but empty multivalued key.</summary>
    public RequestContext Set(string key, params string[] values)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("A context key needs a name.", nameof(key));
        }

        entries[key] = new ContextEntry(key, (values ?? throw new ArgumentNullException(nameof(values))).ToArray());
        return this;
    }

    /// <summary>Sets a key to a sequence of values.</summary>
    public RequestContext Set(string key, IEnumerable<string> values) => Set(key, (values ?? throw new ArgumentNullException(nameof(values))).ToArray());

    /// <summary>True when the key is present (ignoring case).</summary>
    public bool ContainsKey(string key) => entries.ContainsKey(key);

    /// <summary>The values of a key, or null when absent.</summary>
    public IReadOnlyList<string>? GetValues(string key) => entries.TryGetValue(key, out var entry) ? entry.Values : null;

    internal ContextEntry? Find(string key) => entries.TryGetValue(key, out var entry) ? entry : null;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator()
        => entries.Values.Select(e => new KeyValuePair<string, IReadOnlyList<string>>(e.Key, e.Values)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

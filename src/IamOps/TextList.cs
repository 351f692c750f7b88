using System.Collections;

namespace IamOps;

/// <summary>
/// A list of texts on an output object that survives the usual pipes: it enumerates (Format-Table, ConvertTo-Json show
/// the items) and its text is the items joined with "; " (Export-Csv, string interpolation), never a type name.
/// </summary>
public sealed class TextList : IReadOnlyList<string>
{
    public static readonly TextList Empty = new(Array.Empty<string>());

    private readonly IReadOnlyList<string> _items;

    private TextList(IReadOnlyList<string> items) => _items = items;

    public int Count => _items.Count;

    public string this[int index] => _items[index];

    /// <summary>A TextList holding <paramref name="items"/> (the same instance when it is one already).</summary>
    public static TextList From(IEnumerable<string>? items) => items switch
    {
        null => Empty,
        TextList list => list,
        _ => new TextList(items.ToArray()),
    };

    public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join("; ", _items);
}

namespace IamOps.Policy.Evaluation;

/// <summary>The values of one context key, with typed readings computed on first use and kept for later evaluations.</summary>
internal sealed class ContextEntry
{
    private double?[]? numbers;
    private long?[]? dates;
    private byte[]?[]? addresses;

    public ContextEntry(string key, string[] values)
    {
        Key = key;
        Values = values;
    }

    public string Key { get; }

    public string[] Values { get; }

    public double? Number(int index) => Read(ref numbers, index, static text => ConditionValues.TryParseNumber(text, out var n) ? n : null);

    public long? Date(int index) => Read(ref dates, index, static text => ConditionValues.TryParseDate(text, out var d) ? d : null);

    public byte[]? Address(int index) => Read(ref addresses, index, static text => IpRange.TryParseAddress(text, out var a) ? a : null);

    /// <summary>Reads every value once with <paramref name="parse"/> and keeps the results for later evaluations.</summary>
    private T Read<T>(ref T[]? cache, int index, Func<string, T> parse)
    {
        var values = cache;
        if (values is null)
        {
            values = new T[Values.Length];
            for (var i = 0; i < Values.Length; i++)
            {
                values[i] = parse(Values[i]);
            }

            cache = values;
        }

        return values[index];
    }
}

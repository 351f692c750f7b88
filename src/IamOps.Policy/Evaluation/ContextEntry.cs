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

    public double? Number(int index)
    {
        var cache = numbers;
        if (cache is null)
        {
            cache = new double?[Values.Length];
            for (var i = 0; i < Values.Length; i++)
            {
                cache[i] = ConditionValues.TryParseNumber(Values[i], out var n) ? n : null;
            }

            numbers = cache;
        }

        return cache[index];
    }

    public long? Date(int index)
    {
        var cache = dates;
        if (cache is null)
        {
            cache = new long?[Values.Length];
            for (var i = 0; i < Values.Length; i++)
            {
                cache[i] = ConditionValues.TryParseDate(Values[i], out var d) ? d : null;
            }

            dates = cache;
        }

        return cache[index];
    }

    public byte[]? Address(int index)
    {
        var cache = addresses;
        if (cache is null)
        {
            cache = new byte[]?[Values.Length];
            for (var i = 0; i < Values.Length; i++)
            {
                cache[i] = IpRange.TryParseAddress(Values[i], out var a) ? a : null;
            }

            addresses = cache;
        }

        return cache[index];
    }
}

using System.Globalization;

namespace IamOps.Policy.Evaluation;

/// <summary>Reads condition values as numbers, dates, booleans and base64, the way IAM's typed operators do.</summary>
internal static class ConditionValues
{
    private static readonly string[] IsoFormats =
    {
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mmK",
        "yyyy-MM-ddTHH:mm:ssK",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyyMMddTHHmmssK",
    };

    public static bool TryParseNumber(string text, out double value)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value) && !double.IsInfinity(value);

    /// <summary>Reads an ISO 8601 date/time (UTC unless an offset is given) or epoch seconds, as UTC ticks.</summary>
    public static bool TryParseDate(string text, out long utcTicks)
    {
        utcTicks = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.All(c => c is >= '0' and <= '9' || c == '.'))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799d)
            {
                return false;
            }

            utcTicks = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)).UtcTicks;
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            utcTicks = date.UtcTicks;
            return true;
        }

        return false;
    }

    public static bool TryParseBool(string text, out bool value)
    {
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseBase64(string text, out byte[]? bytes)
    {
        bytes = null;
        if (string.IsNullOrEmpty(text) || text.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(c is >= 'A' and <= 'Z' || c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c is '+' or '/' or '='))
            {
                return false;
            }
        }

        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool Compare<T>(T left, T right, OrderComparison comparison)
        where T : IComparable<T>
    {
        var order = left.CompareTo(right);
        return comparison switch
        {
            OrderComparison.LessThan => order < 0,
            OrderComparison.LessThanEquals => order <= 0,
            OrderComparison.GreaterThan => order > 0,
            OrderComparison.GreaterThanEquals => order >= 0,
            _ => order == 0,
        };
    }
}

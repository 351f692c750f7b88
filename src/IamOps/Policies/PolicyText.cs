using System.Text.Json;

namespace IamOps.Policies;

/// <summary>Policy documents compared as JSON values, so whitespace and key order never cause a needless update.</summary>
public static class PolicyText
{
    public static bool SameDocument(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        try
        {
            using var a = JsonDocument.Parse(left);
            using var b = JsonDocument.Parse(right);
            return SameValue(a.RootElement, b.RootElement);
        }
        catch (JsonException)
        {
            return string.Equals(left, right, StringComparison.Ordinal);
        }
    }

    private static bool SameValue(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var right = b.EnumerateObject().ToList();
                return left.Count == right.Count && right.All(p => left.TryGetValue(p.Name, out var value) && SameValue(value, p.Value));
            case JsonValueKind.Array:
                var x = a.EnumerateArray().ToList();
                var y = b.EnumerateArray().ToList();
                return x.Count == y.Count && x.Zip(y, SameValue).All(same => same);
            case JsonValueKind.String:
                return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);
            default:
                return string.Equals(a.GetRawText(), b.GetRawText(), StringComparison.Ordinal);
        }
    }
}

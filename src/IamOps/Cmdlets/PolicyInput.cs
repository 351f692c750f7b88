using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace IamOps.Cmdlets;

/// <summary>
/// What Test-IamPolicy's policy and context parameters accept, made plain: JSON text as is, a hashtable or object
/// serialized with System.Text.Json, context values as strings.
/// </summary>
internal static class PolicyInput
{
    // Deeper than any policy IAM accepts; it also stops self-referencing objects.
    private const int MaxDepth = 64;

    /// <summary>Policy JSON from text, a hashtable, a PSCustomObject or a plain object.</summary>
    public static string ToJson(object? value, string source)
    {
        var unwrapped = Unwrap(value);
        if (unwrapped is string text)
        {
            return text;
        }

        if (unwrapped is null)
        {
            throw new IamOpsException("PolicyDocumentEmpty", FailureKind.InvalidArgument, $"{source} is null; pass policy JSON text, a hashtable or an object.", source);
        }

        try
        {
            return JsonSerializer.Serialize(ToPlain(value, 0));
        }
        catch (Exception failure) when (failure is JsonException or NotSupportedException or InvalidOperationException or GetValueInvocationException)
        {
            throw new IamOpsException("PolicyDocumentUnserializable", FailureKind.InvalidArgument,
                $"{source} could not be turned into JSON ({failure.Message}); pass JSON text or a hashtable of strings, numbers, booleans, arrays and hashtables.", source, failure);
        }
    }

    /// <summary>The items of a value that is an array of documents (not a document itself), else null.</summary>
    public static IReadOnlyList<object?>? AsList(object? value) => Unwrap(value) switch
    {
        string or IDictionary or PSObject => null,
        IEnumerable items => items.Cast<object?>().ToList(),
        _ => null,
    };

    /// <summary>-Context: each key to one value or an array of values, as the strings the engine compares.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ToContext(IDictionary? table)
    {
        var context = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (table is null)
        {
            return context;
        }

        foreach (DictionaryEntry entry in table)
        {
            var key = Unwrap(entry.Key)?.ToString() ?? string.Empty;
            var value = Unwrap(entry.Value);
            context[key] = value is IEnumerable many and not string
                ? many.Cast<object?>().Select(ToContextValue).ToList()
                : new[] { ToContextValue(value) };
        }

        return context;
    }

    private static string ToContextValue(object? value) => Unwrap(value) switch
    {
        null => string.Empty,
        bool flag => flag ? "true" : "false",
        DateTime time => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? string.Empty,
    };

    private static object? ToPlain(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"the object is nested more than {MaxDepth} levels deep");
        }

        switch (value)
        {
            case PSObject { BaseObject: PSCustomObject } custom:
                return custom.Properties.Where(p => p.IsGettable).ToDictionary(p => p.Name, p => ToPlain(p.Value, depth + 1), StringComparer.Ordinal);
            case PSObject wrapped:
                return ToPlain(wrapped.BaseObject, depth);
            case null or string or bool or char or DateTime or DateTimeOffset:
                return value;
            case IConvertible number when number.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal:
                return value;
            case IDictionary dictionary:
                var plain = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    plain[Unwrap(entry.Key)?.ToString() ?? string.Empty] = ToPlain(entry.Value, depth + 1);
                }

                return plain;
            case IEnumerable items:
                return items.Cast<object?>().Select(i => ToPlain(i, depth + 1)).ToList();
            default:
                return ToPlain(PSObject.AsPSObject(value).Properties.Where(p => p.IsGettable && p.MemberType == PSMemberTypes.Property)
                    .ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal), depth + 1);
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
}

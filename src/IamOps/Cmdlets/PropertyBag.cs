using System.Collections;
using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>A hashtable, PSCustomObject or plain object as name → value pairs, for parameters that take "settings".</summary>
internal static class PropertyBag
{
    public static IReadOnlyDictionary<string, object?>? From(object? value)
    {
        var unwrapped = value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
        switch (unwrapped)
        {
            case null:
                return null;
            case IDictionary dictionary:
                var fromDictionary = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in dictionary)
                {
                    fromDictionary[entry.Key.ToString() ?? string.Empty] = Unwrap(entry.Value);
                }

                return fromDictionary;
            default:
                var properties = unwrapped is PSObject custom ? custom.Properties : PSObject.AsPSObject(unwrapped).Properties;
                return properties.Where(p => p.IsGettable).ToDictionary(p => p.Name, p => Unwrap(p.Value), StringComparer.OrdinalIgnoreCase);
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}

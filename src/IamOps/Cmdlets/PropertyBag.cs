using System.Collections;
using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>A hashtable, PSCustomObject or plain object as name → value pairs, for parameters that take "settings".</summary>
internal static class PropertyBag
{
    /// <param name="parameter">The parameter's name: text or a number is an error <c>&lt;parameter&gt;Invalid</c>, not a bag of its own properties (a string's Length).</param>
    public static IReadOnlyDictionary<string, object?>? From(object? value, string parameter)
    {
        var unwrapped = value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
        switch (unwrapped)
        {
            case null:
                return null;
            case string or ValueType:
                throw new IamOpsException(parameter + "Invalid", FailureKind.InvalidArgument,
                    $"-{parameter} takes a hashtable or an object of settings, e.g. @{{ MinimumPasswordLength = 16 }}, not the {unwrapped.GetType().Name} '{unwrapped}'.", unwrapped);
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

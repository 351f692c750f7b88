using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>The catalog's action names closest to a misspelt one (edit distance, ignoring case), for "did you mean".</summary>
public static class NearestActions
{
    public static IReadOnlyList<string> To(string action, ActionCatalog catalog, int count = 3)
    {
        var colon = action.IndexOf(':');
        var prefix = colon > 0 ? action.Substring(0, colon) : action;
        var name = colon > 0 ? action.Substring(colon + 1) : string.Empty;
        var service = catalog.FindService(prefix);
        IEnumerable<string> candidates;
        if (service is not null)
        {
            candidates = service.Actions.Select(a => a.FullName);
        }
        else
        {
            // Unknown service: the closest prefixes, with the same action name where that service has it.
            var prefixes = catalog.ServicePrefixes.OrderBy(p => Distance(p, prefix)).Take(count);
            candidates = prefixes.SelectMany(p => catalog.FindService(p)!.Actions.Select(a => a.FullName)).ToList();
        }

        return candidates.OrderBy(c => Distance(c, action)).ThenBy(c => c, StringComparer.Ordinal).Take(count).ToList();
    }

    private static int Distance(string left, string right)
    {
        var a = left.ToLowerInvariant();
        var b = right.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

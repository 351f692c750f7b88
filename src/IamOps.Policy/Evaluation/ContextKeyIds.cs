using System.Collections.Concurrent;

namespace IamOps.Policy.Evaluation;

/// <summary>Numbers condition key names (ignoring case) so one evaluation can look each key up once; -1 past the cap.</summary>
internal static class ContextKeyIds
{
    private const int Cap = 65536;

    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.OrdinalIgnoreCase);
    private static int next = -1;

    public static int IdOf(string key)
    {
        if (Ids.TryGetValue(key, out var id))
        {
            return id;
        }

        if (Ids.Count >= Cap)
        {
            return -1;
        }

        return Ids.GetOrAdd(key, _ => Interlocked.Increment(ref next));
    }
}

using IamOps.Policy;

namespace IamOps.Simulator;

/// <summary>
/// What Access Advisor counts as granted: every service (and each of its actions the engine's catalog knows) that an
/// Allow statement of the entity's permissions policies names in its Action (or leaves out of its NotAction).
/// Boundaries, SCPs and resource policies do not count, as in IAM.
/// </summary>
internal static class GrantedServices
{
    /// <summary>Service prefix (lower case) → the granted actions' names, for the documents given.</summary>
    public static SortedDictionary<string, SortedSet<string>> Of(IEnumerable<string> documents)
    {
        var catalog = ActionCatalog.Default;
        var granted = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Add(string prefix, string? action)
        {
            var key = prefix.ToLowerInvariant();
            if (!granted.TryGetValue(key, out var actions))
            {
                granted[key] = actions = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            if (action is not null)
            {
                actions.Add(action);
            }
        }

        foreach (var text in documents)
        {
            var document = PolicyDocument.Parse(text);
            foreach (var statement in document.Statements.Where(s => s.IsAllow))
            {
                if (statement.Action is { } actions)
                {
                    foreach (var pattern in actions.Select(a => a.Text))
                    {
                        var expanded = catalog.ExpandActions(pattern);
                        foreach (var action in expanded)
                        {
                            Add(action.ServicePrefix, action.Name);
                        }

                        var colon = pattern.IndexOf(':');
                        if (expanded.Count == 0 && colon > 0 && pattern.Substring(0, colon).IndexOfAny(new[] { '*', '?' }) < 0)
                        {
                            // A service the catalog does not know is still granted by name.
                            Add(pattern.Substring(0, colon), null);
                        }
                    }
                }
                else if (statement.NotAction is { } excluded)
                {
                    var left = new HashSet<string>(excluded.SelectMany(a => catalog.ExpandActions(a.Text)).Select(a => a.FullName), StringComparer.OrdinalIgnoreCase);
                    foreach (var action in catalog.ExpandActions("*").Where(a => !left.Contains(a.FullName)))
                    {
                        Add(action.ServicePrefix, action.Name);
                    }
                }
            }
        }

        return granted;
    }

    /// <summary>The service's name as the catalog has it (its prefix when unknown).</summary>
    public static string NameOf(string prefix) => ActionCatalog.Default.FindService(prefix)?.Name is { Length: > 0 } name ? name : prefix;
}

using System.Text.RegularExpressions;
using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>
/// The actions to decide: a pattern with * or ? becomes every catalog action it matches (so "s3:Get*" answers for each
/// real action, as IAM's simulator needs exact names); an exact name is kept as written, known to the catalog or not.
/// </summary>
public static class ActionExpansion
{
    private static readonly Regex ActionName = new("^[A-Za-z0-9-]+:[A-Za-z0-9]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static IReadOnlyList<string> Expand(IEnumerable<string> actions, ActionCatalog catalog) => Expand(actions, catalog, out _);

    /// <param name="fromPatterns">The actions that came only from a * or ? pattern (none was asked for by name).</param>
    public static IReadOnlyList<string> Expand(IEnumerable<string> actions, ActionCatalog catalog, out IReadOnlyCollection<string> fromPatterns)
    {
        var patterned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        fromPatterns = patterned;
        var expanded = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var action in actions.Select(a => a.Trim()).Where(a => a.Length > 0))
        {
            if (action.IndexOfAny(new[] { '*', '?' }) < 0)
            {
                if (!ActionName.IsMatch(action))
                {
                    throw new IamOpsException("ActionNameInvalid", FailureKind.InvalidArgument,
                        $"'{action}' is not an action name: write service:Action, e.g. s3:GetObject or iam:PassRole (wildcards * and ? expand through the catalog).", action);
                }

                named.Add(action);
                patterned.Remove(action);
                if (seen.Add(action))
                {
                    expanded.Add(action);
                }

                continue;
            }

            var matches = catalog.ExpandActions(action);
            if (matches.Count == 0)
            {
                throw new IamOpsException("ActionPatternUnknown", FailureKind.InvalidArgument,
                    $"'{action}' matches no action in the catalog ({catalog.SourcePackage} {catalog.DataVersion}). Check the service prefix and the spelling; press Tab after -Action to complete names.", action);
            }

            patterned.UnionWith(matches.Select(m => m.FullName).Where(a => !named.Contains(a)));
            expanded.AddRange(matches.Select(m => m.FullName).Where(seen.Add));
        }

        return expanded;
    }
}

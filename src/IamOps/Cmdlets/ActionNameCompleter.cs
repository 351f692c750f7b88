using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using IamOps.Policy;

namespace IamOps.Cmdlets;

/// <summary>
/// Tab completion of IAM actions from the policy engine's catalog: service prefixes first, then "prefix:Action";
/// wildcards work in either part (s3* lists the S3 prefixes, s3:*Tagging the tagging actions).
/// </summary>
public sealed class ActionNameCompleter : IArgumentCompleter
{
    // A whole service (ec2 has hundreds of actions) is still useful; the full catalog is not.
    private const int MaxResults = 1000;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Complete((wordToComplete ?? string.Empty).Trim('\'', '"')).ToList();
        }
        catch (Exception)
        {
            // Tab must never put an error on the prompt (e.g. a malformed pattern such as 's3:Get['): offer nothing.
            return Array.Empty<CompletionResult>();
        }
    }

    private static IEnumerable<CompletionResult> Complete(string word)
    {
        var catalog = ActionCatalog.Default;
        if (word.IndexOf(':') < 0)
        {
            var pattern = WildcardPattern.ContainsWildcardCharacters(word) ? new WildcardPattern(word.TrimEnd('*') + "*", WildcardOptions.IgnoreCase) : null;
            return catalog.ServicePrefixes
                .Where(p => pattern?.IsMatch(p) ?? p.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => new CompletionResult(p + ":", p + ":", CompletionResultType.ParameterValue, catalog.FindService(p)?.Name ?? p));
        }

        return catalog.ExpandActions(word.TrimEnd('*') + "*")
            .Take(MaxResults)
            .Select(a => new CompletionResult(a.FullName, a.FullName, CompletionResultType.ParameterValue, $"{a.FullName} ({a.AccessLevel})"));
    }
}

using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using IamOps.Connection;

namespace IamOps.Cmdlets;

/// <summary>Tab completion of profile names from the shared credentials/config files (read only when asked).</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var location = fakeBoundParameters["ProfileLocation"] as string;
        IEnumerable<string> names;
        try
        {
            names = ConnectionChoices.ProfileNames(location);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Array.Empty<CompletionResult>();
        }

        return names
            .Where(n => n.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}

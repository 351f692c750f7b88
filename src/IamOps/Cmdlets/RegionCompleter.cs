using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using IamOps.Connection;

namespace IamOps.Cmdlets;

/// <summary>Tab completion of region codes from AWSSDK.Core's list.</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        ConnectionChoices.Regions()
            .Where(r => r.Code.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new CompletionResult(r.Code, r.Code, CompletionResultType.ParameterValue, r.DisplayName));
}

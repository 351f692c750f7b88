using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Amazon;

namespace IamOps.Cmdlets;

/// <summary>Tab completion of region codes from AWSSDK.Core's list.</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        RegionEndpoint.EnumerableAllRegions
            .Where(r => r.SystemName.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.SystemName, StringComparer.Ordinal)
            .Select(r => new CompletionResult(r.SystemName, r.SystemName, CompletionResultType.ParameterValue, r.DisplayName));
}

using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>
/// Lets a switch bound by property name take a CSV cell: Import-Csv gives every column as text, and PowerShell will not
/// turn the text "True" into a switch, so without this a row's ProgrammaticAccess=True would be silently dropped.
/// Accepts true/false, yes/no, y/n, 1/0 and an empty cell (false), in any case; anything else fails that row's binding
/// with a message naming the accepted values.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class CsvSwitchAttribute : ArgumentTransformationAttribute
{
    private static readonly string[] TrueWords = { "true", "yes", "y", "1", "$true" };
    private static readonly string[] FalseWords = { "false", "no", "n", "0", "$false", "" };

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is not string text)
        {
            return inputData;
        }

        var word = text.Trim();
        if (TrueWords.Any(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase)))
        {
            return new SwitchParameter(true);
        }

        if (FalseWords.Any(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase)))
        {
            return new SwitchParameter(false);
        }

        throw new ArgumentTransformationMetadataException(
            $"'{text}' is not a yes/no value. Use True or False (also Yes/No, Y/N, 1/0; an empty cell means False).");
    }
}

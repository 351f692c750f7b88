using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>
/// Lets a switch bound by property name take the text Import-Csv gives: true/false, yes/no, 1/0 or an empty cell.
/// Without it PowerShell cannot convert the text, and because binding by property name skips what it cannot
/// convert, a CSV column NoConsoleAccess=true would silently leave the switch off. Other text is an error naming the value.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BooleanFromTextAttribute : ArgumentTransformationAttribute
{
    private static readonly string[] True = { "true", "$true", "yes", "y", "1", "on" };
    private static readonly string[] False = { "false", "$false", "no", "n", "0", "off", string.Empty };

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is not string text)
        {
            return inputData;
        }

        var value = text.Trim();
        if (True.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (False.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new ArgumentTransformationMetadataException($"'{text}' is not true or false; write true, false, yes, no, 1 or 0 (an empty cell is false).");
    }
}

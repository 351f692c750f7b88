using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>A record one account's script block wrote to a stream other than output, carried to the pipeline thread.</summary>
internal sealed class FanOutRecord
{
    public FanOutRecord(object record) => Record = record;

    /// <summary>An ErrorRecord, WarningRecord, VerboseRecord, DebugRecord or InformationRecord.</summary>
    public object Record { get; }

    /// <summary>The error id without the command's name ("AccessDenied" of "AccessDenied,IamOps.Cmdlets.AddIamDeveloperCommand").</summary>
    public static string ErrorIdOf(ErrorRecord record)
    {
        var id = record.FullyQualifiedErrorId ?? string.Empty;
        var comma = id.IndexOf(',');
        return comma > 0 ? id.Substring(0, comma) : id.Length > 0 ? id : "AccountScriptError";
    }
}

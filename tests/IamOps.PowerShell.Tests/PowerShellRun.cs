using System.Collections.ObjectModel;
using System.Management.Automation;

namespace IamOps.PowerShell.Tests;

/// <summary>Everything one hosted script produced: output objects and every stream.</summary>
public sealed class PowerShellRun
{
    public required Collection<PSObject> Output { get; init; }

    public required IReadOnlyList<ErrorRecord> Errors { get; init; }

    public required IReadOnlyList<WarningRecord> Warnings { get; init; }

    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }

    public required IReadOnlyList<DebugRecord> Debug { get; init; }

    public required IReadOnlyList<InformationRecord> Information { get; init; }

    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    /// <summary>The session variables the test asked to capture, read after the script ended.</summary>
    public IReadOnlyDictionary<string, object?> Variables { get; init; } = new Dictionary<string, object?>();

    /// <summary>The terminating error that ended the script, if one did.</summary>
    public ErrorRecord? Terminating { get; init; }

    /// <summary>Every error: the non-terminating ones and the terminating one.</summary>
    public IEnumerable<ErrorRecord> AllErrors => Terminating is null ? Errors : Errors.Append(Terminating);

    /// <summary>All text a user or a log could see from this run, for secret scans.</summary>
    public string AllText() => string.Join("\n", Output.Select(o => o?.ToString())
        .Concat(AllErrors.Select(e => e.ToString() + " " + e.Exception + " " + e.ErrorDetails?.Message + " " + e.TargetObject))
        .Concat(Warnings.Select(w => w.Message))
        .Concat(Verbose.Select(v => v.Message))
        .Concat(Debug.Select(d => d.Message))
        .Concat(Information.Select(i => i.MessageData?.ToString()))
        .Concat(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation)));
}

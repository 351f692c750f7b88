using System.Management.Automation;
using IamOps.LastAccessed;

namespace IamOps.Cmdlets;

/// <summary>What Get-IamLastAccessed and New-IamLeastPrivilegePolicy share: reading Access Advisor's report with a progress bar.</summary>
public abstract class LastAccessedCmdlet : IamOpsCmdlet
{
    /// <summary>Reads the report to the end, showing each wait as progress; the sandbox completes jobs without waiting on the clock.</summary>
    internal LastAccessedStep ReadLastAccessed(LastAccessedRequest request)
    {
        var reader = new LastAccessedReader(Connection.Iam, request, () => Sandbox?.UtcNow ?? DateTime.UtcNow)
        {
            PollInterval = Sandbox is null ? TimeSpan.FromSeconds(2) : TimeSpan.Zero,
        };
        var progress = new ProgressRecord(2, "Last accessed", "Asking IAM for the last-accessed report of " + request.Describe());
        LastAccessedStep step;
        while (!(step = Await(reader.NextAsync)).IsDone)
        {
            progress.StatusDescription = step.Status;
            WriteProgress(progress);
        }

        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        WriteVerbose($"Last-accessed report of {request.Describe()}: {step.Report!.Services.Count} granted services.");
        return step;
    }
}

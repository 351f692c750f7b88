using System.Management.Automation;
using IamOps.Audit;

namespace IamOps.Cmdlets;

/// <summary>The account's credential report as typed objects, one per user (root included), generated when needed.</summary>
[Cmdlet(VerbsCommon.Get, "IamCredentialReport")]
[OutputType(typeof(CredentialReportEntry))]
public sealed class GetIamCredentialReportCommand : IamOpsCmdlet
{
    /// <summary>The oldest report to accept; an older one is regenerated. IAM makes at most one every 4 hours.</summary>
    [Parameter]
    public TimeSpan MaxAge { get; set; } = CredentialReportRequest.DefaultMaxAge;

    /// <summary>Asks IAM for a new report whatever the age of the one it has.</summary>
    [Parameter]
    public SwitchParameter Refresh { get; set; }

    protected override void EndProcessing()
    {
        try
        {
            var reader = new CredentialReportReader(Connection.Iam, new CredentialReportRequest { MaxAge = MaxAge, Refresh = Refresh }, () => Sandbox?.UtcNow ?? DateTime.UtcNow);
            var progress = new ProgressRecord(1, "Credential report", "Reading the credential report");
            CredentialReportStep step;
            while (!(step = Await(reader.NextAsync)).IsDone)
            {
                progress.StatusDescription = step.Status;
                WriteProgress(progress);
            }

            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (step.Warning is { } warning)
            {
                WriteWarning(warning);
            }

            WriteVerbose($"Credential report generated {step.GeneratedTime:u}: {step.Entries!.Count} rows.");
            WriteObject(step.Entries, enumerateCollection: true);
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }
}

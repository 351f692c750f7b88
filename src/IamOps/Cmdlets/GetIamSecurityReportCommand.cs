using System.Management.Automation;
using IamOps.Audit;

namespace IamOps.Cmdlets;

/// <summary>The account's IAM posture, one object per finding with its severity and fix; -OutFile writes an HTML or Markdown page.</summary>
[Cmdlet(VerbsCommon.Get, "IamSecurityReport")]
[OutputType(typeof(SecurityFinding))]
public sealed class GetIamSecurityReportCommand : IamOpsCmdlet
{
    /// <summary>Keys, passwords and roles unused for this many days or more are findings.</summary>
    [Parameter]
    public int Days { get; set; } = SecurityReportRequest.DefaultDays;

    /// <summary>Active access keys this many days old or older are findings.</summary>
    [Parameter]
    public int MaxKeyAge { get; set; } = SecurityReportRequest.DefaultMaxKeyAge;

    /// <summary>Also write the report to this file: .html (a self-contained page) or .md (Markdown).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [Alias("Path")]
    public string? OutFile { get; set; }

    /// <summary>The file's format when its extension does not say.</summary>
    [Parameter]
    public SecurityReportFormat? Format { get; set; }

    /// <summary>Refuse to replace an existing -OutFile (as Out-File -NoClobber).</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>The oldest credential report to accept; an older one is regenerated.</summary>
    [Parameter]
    public TimeSpan CredentialReportMaxAge { get; set; } = CredentialReportRequest.DefaultMaxAge;

    protected override void EndProcessing()
    {
        try
        {
            var request = new SecurityReportRequest { Days = Days, MaxKeyAge = MaxKeyAge, CredentialReportMaxAge = CredentialReportMaxAge };
            SecurityReportRequest.Validate(request);
            string? file = null;
            var format = SecurityReportFormat.Html;
            if (OutFile is not null)
            {
                file = FileSystemPath(OutFile);
                SecurityReportFile.CheckTarget(file, NoClobber);
                format = SecurityReportFile.FormatOf(file, Format);
            }

            var reader = new SecurityReportReader(Connection.Iam, request, () => Sandbox?.UtcNow ?? DateTime.UtcNow);
            var progress = new ProgressRecord(1, "Security report", "Reading the credential report");
            SecurityReportStep step;
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

            var report = step.Report!;
            WriteVerbose($"Reviewed {report.UserCount} users and {report.RoleCount} roles of account {report.AccountId}: {report.Findings.Count} findings.");
            if (file is not null)
            {
                SecurityReportFile.Write(file, report, format);
                WriteVerbose($"Wrote the {format} report to {file}.");
            }

            WriteObject(report.Findings, enumerateCollection: true);
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }
}

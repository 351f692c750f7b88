using System.Collections;
using System.Management.Automation;
using IamOps.Baseline;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Cmdlets;

/// <summary>Secures a new account: root checks, alias, password policy, admin group and users, MFA enforcement.</summary>
[Cmdlet(VerbsCommon.New, "IamAdminBaseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineControl), typeof(AdminCredential))]
public sealed class NewIamAdminBaselineCommand : IamOpsCmdlet
{
    private readonly List<string> _adminUsers = new();

    [Parameter]
    public string? AccountAlias { get; set; }

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    public string[]? AdminUserName { get; set; }

    [Parameter]
    public string AdminGroupName { get; set; } = "Administrators";

    /// <summary>A hashtable or object with password policy settings, overriding the CIS defaults key by key.</summary>
    [Parameter]
    public object? PasswordPolicy { get; set; }

    [Parameter]
    public SwitchParameter ProgrammaticAccess { get; set; }

    [Parameter]
    public string? CredentialFile { get; set; }

    /// <summary>On unless -RequireMfa:$false.</summary>
    [Parameter]
    public SwitchParameter RequireMfa { get; set; } = true;

    [Parameter]
    public SwitchParameter EnableVirtualMfa { get; set; }

    [Parameter]
    public string[]? MfaCode { get; set; }

    [Parameter]
    public string? MfaQrCodePath { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        if (AdminUserName is not null)
        {
            _adminUsers.AddRange(AdminUserName.Where(n => !string.IsNullOrWhiteSpace(n)));
        }
    }

    protected override void EndProcessing()
    {
        BaselineRequest request;
        try
        {
            request = new BaselineRequest
            {
                AccountAlias = AccountAlias,
                AdminUserNames = _adminUsers,
                AdminGroupName = AdminGroupName,
                PasswordPolicy = PasswordPolicySettings.FromOverrides(PropertyBag.From(PasswordPolicy)),
                ProgrammaticAccess = ProgrammaticAccess,
                RequireMfa = RequireMfa,
                EnableVirtualMfa = EnableVirtualMfa,
                MfaCodes = MfaCode ?? Array.Empty<string>(),
                Force = Force,
            };
            BaselinePlanner.Validate(request);
            if (CredentialFile is not null)
            {
                CredentialCsv.CheckWritable(CredentialFile, append: false, overwrite: Force);
            }
        }
        catch (IamOpsException invalid)
        {
            ThrowFailure(invalid);
            return;
        }

        BaselinePlan plan;
        try
        {
            plan = Await(token => new BaselinePlanner(Connection).PlanAsync(request, token));
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
            return;
        }

        var halted = false;
        foreach (var control in plan.Controls)
        {
            var applied = new List<AppliedChange>();
            foreach (var change in control.Changes)
            {
                var result = halted ? new AppliedChange(change, ChangeOutcome.NotAttempted) : ApplyChange(change);
                applied.Add(result);
                if (result.Outcome == ChangeOutcome.Failed)
                {
                    WriteFailure(result.Failure!, change.Target);
                    halted = true;
                }
            }

            WriteObject(Report(plan, control, applied));
        }

        WriteCredentials(plan);
    }

    private static BaselineControl Report(BaselinePlan plan, ControlPlan control, List<AppliedChange> applied)
    {
        var status = applied.Any(a => a.Outcome is ChangeOutcome.Failed or ChangeOutcome.NotAttempted) ? ControlStatus.Failed
            : applied.Any(a => a.Outcome == ChangeOutcome.Skipped) ? ControlStatus.WouldChange
            : control.ManualFix is not null ? ControlStatus.ActionRequired
            : applied.Count > 0 ? ControlStatus.Changed
            : ControlStatus.Compliant;
        var failure = applied.FirstOrDefault(a => a.Failure is not null)?.Failure;
        return new BaselineControl
        {
            Account = plan.Account.AccountId,
            Control = control.Control,
            Title = control.Title,
            Status = status,
            Detail = control.Detail,
            Fix = status switch
            {
                ControlStatus.Failed => failure is null ? "Not attempted after an earlier failure; run the command again." : failure.Message + " Run the command again to converge.",
                _ => control.ManualFix,
            },
            Changes = applied.Select(a => a.ToString()).ToList(),
        };
    }

    private void WriteCredentials(BaselinePlan plan)
    {
        var created = plan.Secrets.Where(s => s.HasAny).ToList();
        foreach (var secrets in created)
        {
            WriteObject(new AdminCredential
            {
                Account = plan.Account.AccountId,
                UserName = secrets.UserName,
                ConsoleSignInUrl = plan.Account.ConsoleSignInUrl,
                InitialPassword = secrets.Password is null ? null : SecretText.ToSecureString(secrets.Password),
                AccessKeyId = secrets.AccessKey?.AccessKeyId,
                SecretAccessKey = secrets.AccessKey is null ? null : SecretText.ToSecureString(secrets.AccessKey.SecretAccessKey),
                MfaSerialNumber = secrets.MfaDevice?.SerialNumber,
                MfaSeed = secrets.MfaDevice is null ? null : SecretText.ToSecureString(secrets.MfaDevice.Base32StringSeed),
                MfaOtpAuthUri = secrets.MfaDevice is null ? null : SecretText.ToSecureString(MfaEnrollment.OtpAuthUri(secrets.MfaDevice, secrets.UserName, plan.Account)),
                MfaEnabled = secrets.MfaEnabled,
            });
        }

        if (CredentialFile is not null && created.Any(s => s.Password is not null || s.AccessKey is not null))
        {
            CredentialCsv.Write(CredentialFile,
                created.Where(s => s.Password is not null || s.AccessKey is not null)
                    .Select(s => new CredentialRow(s.UserName, s.Password, s.AccessKey?.AccessKeyId, s.AccessKey?.SecretAccessKey, plan.Account.ConsoleSignInUrl)),
                append: false, overwrite: Force);
            WriteVerbose($"Initial credentials written to {CredentialFile} (owner-only).");
        }

        if (MfaQrCodePath is not null)
        {
            foreach (var secrets in created.Where(s => s.MfaDevice is { QrCodePng.Length: > 0 }))
            {
                var path = Directory.Exists(MfaQrCodePath) ? Path.Combine(MfaQrCodePath, secrets.UserName + "-mfa.png") : MfaQrCodePath;
                using var file = OwnerOnlyFile.Create(path, overwrite: Force);
                file.Write(secrets.MfaDevice!.QrCodePng, 0, secrets.MfaDevice.QrCodePng.Length);
            }
        }
    }
}

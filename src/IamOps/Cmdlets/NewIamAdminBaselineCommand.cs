using System.Collections;
using System.Management.Automation;
using IamOps.Baseline;
using IamOps.Planning;
using IamOps.Secrets;

namespace IamOps.Cmdlets;

/// <summary>Secures a new account: root checks, alias, password policy, admin group and users, MFA enforcement.</summary>
[Cmdlet(VerbsCommon.New, "IamAdminBaseline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BaselineControl))]
public sealed class NewIamAdminBaselineCommand : IamOpsCmdlet
{
    private readonly List<string> _adminUsers = new();

    [Parameter]
    public string? AccountAlias { get; set; }

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    [UserNameCompletion]
    public string[]? AdminUserName { get; set; }

    [Parameter]
    [GroupNameCompletion]
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

    /// <summary>Replace an existing -CredentialFile instead of appending to it, and existing QR code files; -Force is its alias.</summary>
    [Parameter]
    [Alias("Force")]
    public SwitchParameter OverwriteFile { get; set; }

    /// <summary>Replace a different existing account alias with -AccountAlias.</summary>
    [Parameter]
    public SwitchParameter ReplaceAccountAlias { get; set; }

    /// <summary>Loosen password policy settings that are stricter than asked.</summary>
    [Parameter]
    public SwitchParameter AllowWeakerPasswordPolicy { get; set; }

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
                PasswordPolicy = PasswordPolicySettings.FromOverrides(PropertyBag.From(PasswordPolicy, nameof(PasswordPolicy))),
                ProgrammaticAccess = ProgrammaticAccess,
                RequireMfa = RequireMfa,
                EnableVirtualMfa = EnableVirtualMfa,
                MfaCodes = MfaCode ?? Array.Empty<string>(),
                ReplaceAccountAlias = ReplaceAccountAlias,
                AllowWeakerPasswordPolicy = AllowWeakerPasswordPolicy,
            };
            BaselinePlanner.Validate(request);
            if (CredentialFile is not null)
            {
                // A re-run appends to the file an earlier run made (owner-only, our header), or leaves it untouched when nothing is new.
                CredentialCsv.CheckWritable(FileSystemPath(CredentialFile), append: true, overwrite: OverwriteFile, appendOnlyToCredentialFile: true);
            }

            if (MfaQrCodePath is not null)
            {
                MfaQrCodeFiles.CheckWritable(FileSystemPath(MfaQrCodePath), _adminUsers, EnableVirtualMfa, OverwriteFile);
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
            var planner = new BaselinePlanner(Connection);
            plan = Await(token => planner.PlanAsync(request, token));
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
            return;
        }

        var controls = BaselineApplier.Apply(plan, ApplyChange, failed => WriteFailure(failed.Failure!, failed.Change.Target)).ToList();
        WriteQrCodes(plan);
        PromptForMfaCodes(plan, controls);
        foreach (var control in BaselineApplier.WithCredentials(controls, BaselineApplier.Credentials(plan)))
        {
            WriteObject(control);
        }

        WriteCredentialFile(plan);
    }

    /// <summary>
    /// With -MfaQrCodePath and an interactive host, asks for two codes once the QR code is saved and enables the device;
    /// a host that cannot prompt leaves the control ActionRequired, as without -MfaCode.
    /// </summary>
    private void PromptForMfaCodes(BaselinePlan plan, List<BaselineControl> controls)
    {
        if (MfaQrCodePath is null || MfaCode is { Length: > 0 })
        {
            return;
        }

        var connection = Connection;
        foreach (var user in BaselineApplier.MfaDevicesAwaitingCodes(plan))
        {
            Dictionary<string, PSObject> answers;
            try
            {
                var fields = new System.Collections.ObjectModel.Collection<System.Management.Automation.Host.FieldDescription> { new("Code1"), new("Code2") };
                answers = Host.UI.Prompt($"Enable the virtual MFA device of {user}", $"Scan the QR code saved at {MfaQrCodePath} with an authenticator app, then enter two consecutive 6-digit codes.", fields);
            }
            catch (Exception ex) when (ex is System.Management.Automation.Host.HostException or PSInvalidOperationException or NotImplementedException or InvalidOperationException)
            {
                WriteVerbose($"No prompt for the MFA codes of {user} ({ex.Message}); enable the device later with -MfaCode.");
                continue;
            }

            var code1 = answers.TryGetValue("Code1", out var first) ? first?.ToString()?.Trim() ?? string.Empty : string.Empty;
            var code2 = answers.TryGetValue("Code2", out var second) ? second?.ToString()?.Trim() ?? string.Empty : string.Empty;
            if (!ShouldProcess("user " + user, "Enable the virtual MFA device for"))
            {
                continue;
            }

            try
            {
                var index = controls.FindIndex(c => c.Title == BaselinePlanner.MfaDeviceTitle(user));
                controls[index] = Await(token => BaselineApplier.EnableWithCodesAsync(plan, connection, controls, user, code1, code2, token));
            }
            catch (IamOpsException failure)
            {
                WriteFailure(failure, user);
            }
        }
    }

    private void WriteCredentialFile(BaselinePlan plan)
    {
        var rows = BaselineApplier.CredentialRows(plan);
        if (CredentialFile is not null && rows.Count > 0)
        {
            CredentialCsv.Write(FileSystemPath(CredentialFile), rows, append: !OverwriteFile, overwrite: OverwriteFile);
            WriteVerbose($"Initial credentials {(OverwriteFile ? "written" : "appended")} to {CredentialFile} (owner-only).");
        }

    }

    private void WriteQrCodes(BaselinePlan plan)
    {
        if (MfaQrCodePath is not null)
        {
            foreach (var device in plan.Secrets.Where(s => s.MfaDevice is { QrCodePng.Length: > 0 }))
            {
                try
                {
                    MfaQrCodeFiles.Write(MfaQrCodeFiles.PathFor(FileSystemPath(MfaQrCodePath), device.UserName), device.MfaDevice!.QrCodePng, OverwriteFile);
                }
                catch (IamOpsException failure)
                {
                    WriteFailure(failure);
                }
            }
        }
    }
}

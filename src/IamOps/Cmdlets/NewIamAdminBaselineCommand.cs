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
        BaselineFiles files;
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
            files = new BaselineFiles
            {
                CredentialFile = CredentialFile is null ? null : FileSystemPath(CredentialFile),
                MfaQrCodePath = MfaQrCodePath is null ? null : FileSystemPath(MfaQrCodePath),
                Overwrite = OverwriteFile,
            };
            BaselineRun.Validate(request, files);
        }
        catch (IamOpsException invalid)
        {
            ThrowFailure(invalid);
            return;
        }

        BaselineOutcome outcome;
        try
        {
            var run = new BaselineRun(Connection, new PlanApplier(Callbacks()));
            outcome = Await(token => run.RunAsync(request, files, user => AskOnPipelineThread(() => PromptForMfaCodes(user)), WriteVerboseLater, token));
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
            return;
        }

        foreach (var (failure, target) in outcome.Failures)
        {
            WriteFailure(failure, target);
        }

        WriteObject(outcome.Controls, enumerateCollection: true);
    }

    /// <summary>
    /// Asks for two codes of a device whose QR code was just saved; a host that cannot prompt leaves the control
    /// ActionRequired, as without -MfaCode.
    /// </summary>
    private (string Code1, string Code2)? PromptForMfaCodes(string user)
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
            return null;
        }

        var code1 = answers.TryGetValue("Code1", out var first) ? first?.ToString()?.Trim() ?? string.Empty : string.Empty;
        var code2 = answers.TryGetValue("Code2", out var second) ? second?.ToString()?.Trim() ?? string.Empty : string.Empty;
        return (code1, code2);
    }
}

using System.Management.Automation;
using IamOps.Developers;

namespace IamOps.Cmdlets;

/// <summary>Onboards developers, one or a CSV's worth: user, console password, groups, tags, optional access key.</summary>
[Cmdlet(VerbsCommon.Add, "IamDeveloper", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(DeveloperResult))]
public sealed class AddIamDeveloperCommand : IamOpsCmdlet
{
    private readonly Onboarding _onboarding = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "User")]
    [UserNameCompletion]
    [AllowEmptyString]
    public string UserName { get; set; } = string.Empty;

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Group", "Groups")]
    [GroupNameCompletion]
    public string[]? GroupName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Path { get; set; }

    /// <summary>A hashtable, or CSV-friendly text 'key=value;key2=value2'.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Tags")]
    public object? Tag { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter ConsoleAccess { get; set; } = true;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter NoConsoleAccess { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter ProgrammaticAccess { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? PermissionsBoundary { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter ResetPassword { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter RotateAccessKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter DeleteOldAccessKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter CreateMissingGroup { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? GroupPolicyArn { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter ExactGroups { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BooleanFromText]
    public SwitchParameter EnableVirtualMfa { get; set; }

    /// <summary>Two consecutive codes that enable the new virtual MFA device (one developer at a time).</summary>
    [Parameter]
    public string[]? MfaCode { get; set; }

    /// <summary>A folder for the new devices' QR codes, &lt;user&gt;-mfa.png each, owner-only.</summary>
    [Parameter]
    public string? MfaQrCodePath { get; set; }

    /// <summary>Access keys of the user to make Inactive (the key stays, so it can be re-activated).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? DeactivateAccessKey { get; set; }

    /// <summary>Access keys of the user to delete.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? DeleteAccessKey { get; set; }

    [Parameter]
    public string? CredentialFile { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void ProcessRecord()
    {
        var row = new DeveloperRow
        {
            UserName = UserName,
            GroupNames = GroupName,
            Path = Path,
            Tags = Tag is PSObject wrapped ? wrapped.BaseObject : Tag,
            ConsoleAccess = MyInvocation.BoundParameters.ContainsKey(nameof(ConsoleAccess)) ? ConsoleAccess.IsPresent : null,
            NoConsoleAccess = NoConsoleAccess,
            ProgrammaticAccess = ProgrammaticAccess,
            PermissionsBoundary = PermissionsBoundary,
            ResetPassword = ResetPassword,
            RotateAccessKey = RotateAccessKey,
            DeleteOldAccessKey = DeleteOldAccessKey,
            CreateMissingGroup = CreateMissingGroup,
            GroupPolicyArns = GroupPolicyArn,
            ExactGroups = ExactGroups,
            EnableVirtualMfa = EnableVirtualMfa,
            MfaCodes = MfaCode,
            DeactivateAccessKeyIds = DeactivateAccessKey,
            DeleteAccessKeyIds = DeleteAccessKey,
        };
        if (_onboarding.Add(row, MyInvocation.ExpectingInput) is { } rejected)
        {
            WriteFailure(rejected, (UserName ?? string.Empty).Trim());
        }
    }

    protected override void EndProcessing()
    {
        if (_onboarding.NothingGiven is { } none)
        {
            WriteFailure(none);
        }

        try
        {
            var run = _onboarding.Requests.Count == 0 ? _onboarding.Rejected() : Onboard();
            foreach (var row in run.Rows)
            {
                foreach (var error in row.Errors)
                {
                    WriteFailure(error, row.Result.UserName);
                }

                WriteObject(row.Result);
            }

            WriteVerbose(run.Finish());
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }

    private OnboardingRun Onboard()
    {
        var options = new OnboardingOptions
        {
            ThrottleLimit = ThrottleLimit,
            CredentialFile = CredentialFile is null ? null : FileSystemPath(CredentialFile),
            CredentialFileAsGiven = CredentialFile,
            MfaQrCodeFolder = MfaQrCodePath is null ? null : FileSystemPath(MfaQrCodePath),
            MfaCodesGiven = MfaCode is { Length: > 0 },
        };
        _onboarding.Check(options);
        var connection = Connection;
        return Await(token => _onboarding.OnboardAsync(connection, options, Callbacks("Onboarding developers", "developers"), token));
    }
}

using System.Management.Automation;
using System.Security;
using IamOps.Secrets;

namespace IamOps.Cmdlets;

/// <summary>Computes the current code of a virtual MFA device from its seed, or in the sandbox from its serial number.</summary>
[Cmdlet(VerbsCommon.Get, "IamMfaCode", DefaultParameterSetName = BySerial)]
[OutputType(typeof(MfaCode))]
public sealed class GetIamMfaCodeCommand : PSCmdlet
{
    private const string BySerial = "SerialNumber";
    private const string BySeed = "Seed";
    private const string ByUri = "OtpAuthUri";
    private const string ByFile = "SeedFile";

    /// <summary>The device; alone, only in the sandbox (IAM never shows a seed again).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BySerial, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = BySeed, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ByUri, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ByFile, ValueFromPipelineByPropertyName = true)]
    [Alias("MfaSerialNumber")]
    public string? SerialNumber { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = BySeed, ValueFromPipelineByPropertyName = true)]
    [Alias("MfaSeed")]
    [SecureStringFromText]
    public SecureString? Seed { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByUri, ValueFromPipelineByPropertyName = true)]
    [Alias("MfaOtpAuthUri")]
    [SecureStringFromText]
    public SecureString? OtpAuthUri { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByFile)]
    public string? SeedFile { get; set; }

    /// <summary>The time to compute the code for; now when not given.</summary>
    [Parameter]
    public DateTime? At { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(Compute());
        }
        catch (IamOpsException failure)
        {
            WriteError(ErrorRecords.From(failure, SerialNumber));
        }
    }

    private MfaCode Compute()
    {
        // In the sandbox its own time (which tests may move on) is "now", so the code is one the sandbox accepts.
        var sandbox = new SessionConnector(SessionState.PSVariable.GetValue).Sandbox;
        var at = At?.ToUniversalTime();
        var now = at ?? sandbox?.UtcNow ?? DateTime.UtcNow;

        // A credential object piped in may bind several of these; the seed it holds wins over asking the sandbox.
        if (Seed is not null)
        {
            return MfaCode.At(MfaSeed.Parse(SecretText.ToPlainText(Seed), "-Seed"), now, SerialNumber);
        }

        if (OtpAuthUri is not null)
        {
            return MfaCode.At(MfaSeed.Parse(SecretText.ToPlainText(OtpAuthUri), "-OtpAuthUri"), now, SerialNumber);
        }

        if (SeedFile is not null)
        {
            return MfaCode.At(MfaSeed.ReadFile(ProviderPaths.FileSystemPath(SessionState, SeedFile)), now, SerialNumber);
        }

        if (sandbox is null)
        {
            throw new IamOpsException("MfaSeedRequired", FailureKind.InvalidArgument,
                $"Outside the sandbox a device's code can only be computed from its seed, which AWS showed once when the device was created: pass -Seed, -OtpAuthUri or -SeedFile (the credential object of New-IamAdminBaseline or Add-IamDeveloper -EnableVirtualMfa carries MfaSeed and MfaOtpAuthUri, and pipes in).", SerialNumber);
        }

        var code = sandbox.MfaCode(SerialNumber!.Trim(), now);
        var step = OneTimePassword.StepAt(now);
        return new MfaCode { TokenCode = code, SerialNumber = SerialNumber.Trim(), ValidFrom = OneTimePassword.StepStart(step), ValidUntil = OneTimePassword.StepStart(step + 1) };
    }
}

namespace IamOps.Secrets;

/// <summary>
/// A current MFA code. The property names bind by name to Get-IamSessionToken and Invoke-IamRoleAssume (-SerialNumber,
/// -TokenCode), so a code pipes straight into them.
/// </summary>
public sealed class MfaCode
{
    /// <summary>The 6 digits.</summary>
    public string TokenCode { get; init; } = string.Empty;

    /// <summary>The device, when known (-SerialNumber).</summary>
    public string? SerialNumber { get; init; }

    /// <summary>The start of the 30-second window the code belongs to (UTC).</summary>
    public DateTime ValidFrom { get; init; }

    /// <summary>When the device moves on to the next code (UTC); AWS also accepts a code about 30 seconds either side.</summary>
    public DateTime ValidUntil { get; init; }

    public override string ToString() => TokenCode;

    public static MfaCode At(byte[] key, DateTime utc, string? serialNumber)
    {
        var step = OneTimePassword.StepAt(utc);
        return new MfaCode
        {
            TokenCode = OneTimePassword.ComputeAtStep(key, step),
            SerialNumber = serialNumber,
            ValidFrom = OneTimePassword.StepStart(step),
            ValidUntil = OneTimePassword.StepStart(step + 1),
        };
    }
}

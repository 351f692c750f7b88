namespace IamOps.Developers;

/// <summary>How a batch is onboarded: concurrency, and where secrets and QR codes go (file system paths, already resolved).</summary>
public sealed record OnboardingOptions
{
    public int ThrottleLimit { get; init; } = 4;

    /// <summary>The credential CSV to append new passwords and keys to; null: none is written.</summary>
    public string? CredentialFile { get; init; }

    /// <summary>The credential file as the user named it, for the summary.</summary>
    public string? CredentialFileAsGiven { get; init; }

    /// <summary>The folder for new MFA devices' QR codes; null: none are written.</summary>
    public string? MfaQrCodeFolder { get; init; }

    /// <summary>Whether -MfaCode was given (it enables the device of one developer only).</summary>
    public bool MfaCodesGiven { get; init; }
}

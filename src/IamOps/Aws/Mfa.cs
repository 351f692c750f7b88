namespace IamOps.Aws;

/// <summary>A new virtual MFA device with the seed an authenticator app needs; IAM shows the seed only once.</summary>
public sealed record VirtualMfaDevice
{
    /// <summary>The device ARN, e.g. arn:aws:iam::123456789012:mfa/alice.</summary>
    public string SerialNumber { get; init; } = string.Empty;

    /// <summary>The base32 TOTP secret as text.</summary>
    public string Base32StringSeed { get; init; } = string.Empty;

    /// <summary>A PNG image of the otpauth:// QR code.</summary>
    public byte[] QrCodePng { get; init; } = Array.Empty<byte>();
}

/// <summary>An MFA device enabled for a user.</summary>
public sealed record MfaDevice
{
    public string UserName { get; init; } = string.Empty;

    public string SerialNumber { get; init; } = string.Empty;

    public DateTime EnableDate { get; init; }
}

using IamOps.Aws;

namespace IamOps.Accounts;

/// <summary>The otpauth:// URI authenticator apps read (the same one IAM's QR code encodes).</summary>
public static class MfaEnrollment
{
    public static string OtpAuthUri(VirtualMfaDevice device, string userName, AccountContext account)
    {
        var label = Uri.EscapeDataString($"Amazon Web Services:{userName}@{account.Alias ?? account.AccountId}");
        return $"otpauth://totp/{label}?secret={device.Base32StringSeed}&issuer={Uri.EscapeDataString("Amazon Web Services")}";
    }
}

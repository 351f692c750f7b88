using System.Security;

namespace IamOps.Baseline;

/// <summary>
/// What a new admin needs to sign in, written once: secrets only as SecureString (and, when asked, in an owner-only CSV).
/// </summary>
public sealed class AdminCredential
{
    public string Account { get; init; } = string.Empty;

    public string UserName { get; init; } = string.Empty;

    public string ConsoleSignInUrl { get; init; } = string.Empty;

    /// <summary>Set when a console password was created by this run; the user must change it at first sign-in.</summary>
    public SecureString? InitialPassword { get; init; }

    public string? AccessKeyId { get; init; }

    public SecureString? SecretAccessKey { get; init; }

    /// <summary>The virtual MFA device created by this run, if any.</summary>
    public string? MfaSerialNumber { get; init; }

    /// <summary>The otpauth:// URI to add the device to an authenticator app (it contains the seed).</summary>
    public SecureString? MfaOtpAuthUri { get; init; }

    public SecureString? MfaSeed { get; init; }

    /// <summary>True when the MFA device was enabled with two codes in this run.</summary>
    public bool MfaEnabled { get; init; }

    /// <summary>What was created, never a secret: safe in Export-Csv cells, logs and string interpolation.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (InitialPassword is not null)
        {
            parts.Add("initial password");
        }

        if (AccessKeyId is not null)
        {
            parts.Add("access key " + AccessKeyId);
        }

        if (MfaSerialNumber is not null)
        {
            parts.Add((MfaEnabled ? "MFA device " : "MFA device (not enabled) ") + MfaSerialNumber);
        }

        return UserName + (parts.Count == 0 ? string.Empty : ": " + string.Join(", ", parts));
    }
}

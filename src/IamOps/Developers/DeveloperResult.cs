using System.Security;

namespace IamOps.Developers;

/// <summary>One onboarded developer: what was done, and (only when created now) the secrets, as SecureString.</summary>
public sealed class DeveloperResult
{
    public string Account { get; init; } = string.Empty;

    public string UserName { get; init; } = string.Empty;

    public string? Arn { get; init; }

    public DeveloperStatus Status { get; init; }

    public IReadOnlyList<string> Changes { get => _changes; init => _changes = TextList.From(value); }

    private readonly TextList _changes = TextList.Empty;

    public IReadOnlyList<string> Groups { get => _groups; init => _groups = TextList.From(value); }

    private readonly TextList _groups = TextList.Empty;

    public string ConsoleSignInUrl { get; init; } = string.Empty;

    public SecureString? InitialPassword { get; init; }

    public string? AccessKeyId { get; init; }

    public SecureString? SecretAccessKey { get; init; }

    /// <summary>With -EnableVirtualMfa: the user's MFA device (enabled, or waiting for two codes).</summary>
    public string? MfaSerialNumber { get; init; }

    /// <summary>The seed of the virtual MFA device this run created; shown only now.</summary>
    public SecureString? MfaSeed { get; init; }

    /// <summary>The otpauth:// URI to add the new device to an authenticator app (it contains the seed).</summary>
    public SecureString? MfaOtpAuthUri { get; init; }

    /// <summary>True when the device is enabled (now or before).</summary>
    public bool MfaEnabled { get; init; }
}

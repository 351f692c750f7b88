using System.Security;

namespace IamOps.Audit.StaleCredentials;

/// <summary>One clean-up change of Disable-IamStaleCredential: the user, the credential, what was (or would be) done and why.</summary>
public sealed class StaleCredentialResult
{
    public string UserName { get; init; } = string.Empty;

    public StaleCredentialType CredentialType { get; init; }

    /// <summary>The access key id, or <c>password</c>.</summary>
    public string Credential { get; init; } = string.Empty;

    public StaleCredentialAction Action { get; init; }

    public string Reason { get; init; } = string.Empty;

    public StaleCredentialStatus Status { get; init; }

    /// <summary>The change as a sentence: "Deactivated access key ... of user ...", "Would ..." under -WhatIf, "Failed to ...: why".</summary>
    public string Change { get; init; } = string.Empty;

    public DateTime? CreateDate { get; init; }

    public DateTime? LastUsedDate { get; init; }

    /// <summary>Whole days since the credential was created.</summary>
    public int? AgeDays { get; init; }

    /// <summary>Whole days since it was last used, or since it was created when never used.</summary>
    public int? UnusedDays { get; init; }

    /// <summary>StartRotation: the new key's id.</summary>
    public string? NewAccessKeyId { get; init; }

    /// <summary>StartRotation: the new key's secret, shown only now (also written to -CredentialFile when given).</summary>
    public SecureString? NewSecretAccessKey { get; init; }
}

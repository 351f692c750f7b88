namespace IamOps.Aws;

/// <summary>
/// A user's signing certificate, SSH public key or service-specific credential as listed: its id and status (never a
/// secret). Each blocks DeleteUser until deleted.
/// </summary>
public sealed record UserCredential
{
    public string UserName { get; init; } = string.Empty;

    /// <summary>CertificateId, SSHPublicKeyId or ServiceSpecificCredentialId.</summary>
    public string Id { get; init; } = string.Empty;

    public AccessKeyStatus Status { get; init; }

    /// <summary>For a service-specific credential, the service it is for (e.g. codecommit.amazonaws.com); null otherwise.</summary>
    public string? ServiceName { get; init; }
}

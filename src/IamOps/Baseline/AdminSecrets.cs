using IamOps.Aws;

namespace IamOps.Baseline;

/// <summary>Secrets created for one admin while the plan is applied, collected for the credential object and CSV.</summary>
internal sealed class AdminSecrets
{
    public AdminSecrets(string userName) => UserName = userName;

    public string UserName { get; }

    public string? Password { get; set; }

    public NewAccessKey? AccessKey { get; set; }

    public VirtualMfaDevice? MfaDevice { get; set; }

    public bool MfaEnabled { get; set; }

    public bool HasAny => Password is not null || AccessKey is not null || MfaDevice is not null;
}

using IamOps.Aws;

namespace IamOps.Baseline;

/// <summary>What New-IamAdminBaseline was asked to make true, validated before anything is read or written.</summary>
public sealed record BaselineRequest
{
    public string? AccountAlias { get; init; }

    public IReadOnlyList<string> AdminUserNames { get; init; } = Array.Empty<string>();

    public string AdminGroupName { get; init; } = "Administrators";

    public PasswordPolicy PasswordPolicy { get; init; } = PasswordPolicySettings.CisDefault;

    public bool ProgrammaticAccess { get; init; }

    public bool RequireMfa { get; init; } = true;

    public bool EnableVirtualMfa { get; init; }

    /// <summary>Two consecutive codes from the authenticator app, to enable the virtual MFA device.</summary>
    public IReadOnlyList<string> MfaCodes { get; init; } = Array.Empty<string>();

    /// <summary>Allows replacing a different existing account alias (-ReplaceAccountAlias).</summary>
    public bool ReplaceAccountAlias { get; init; }

    /// <summary>Allows loosening password policy settings stricter than asked (-AllowWeakerPasswordPolicy).</summary>
    public bool AllowWeakerPasswordPolicy { get; init; }
}

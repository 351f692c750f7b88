using IamOps.Aws;

namespace IamOps.Developers;

/// <summary>One developer to onboard, as bound from parameters or a pipeline row, validated offline.</summary>
public sealed record DeveloperRequest
{
    public string UserName { get; init; } = string.Empty;

    public IReadOnlyList<string> GroupNames { get; init; } = new[] { "Developers" };

    public string? Path { get; init; }

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();

    public bool ConsoleAccess { get; init; } = true;

    public bool ProgrammaticAccess { get; init; }

    public string? PermissionsBoundary { get; init; }

    public bool ResetPassword { get; init; }

    public bool RotateAccessKey { get; init; }

    public bool DeleteOldAccessKey { get; init; }

    /// <summary>Access keys of the user to make Inactive (-DeactivateAccessKey).</summary>
    public IReadOnlyList<string> DeactivateAccessKeyIds { get; init; } = Array.Empty<string>();

    /// <summary>Access keys of the user to delete (-DeleteAccessKey); one already gone is no change.</summary>
    public IReadOnlyList<string> DeleteAccessKeyIds { get; init; } = Array.Empty<string>();

    public bool CreateMissingGroup { get; init; }

    public IReadOnlyList<string> GroupPolicyArns { get; init; } = Array.Empty<string>();

    public bool ExactGroups { get; init; }

    /// <summary>Create a virtual MFA device for the user when it has no MFA (seed shown once, as SecureString).</summary>
    public bool EnableVirtualMfa { get; init; }

    /// <summary>Two consecutive codes to enable the device with (one developer only), or none.</summary>
    public IReadOnlyList<string> MfaCodes { get; init; } = Array.Empty<string>();
}

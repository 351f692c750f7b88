namespace IamOps.Audit;

/// <summary>What Get-IamSecurityReport looks for; each finding names the check that raised it.</summary>
public enum SecurityCheck
{
    /// <summary>The root user has no MFA device.</summary>
    RootMfa,

    /// <summary>The root user has access keys.</summary>
    RootAccessKey,

    /// <summary>A user with a console password has no MFA device.</summary>
    UserMfa,

    /// <summary>A console password has not been used for -Days (or never, and is older than that).</summary>
    PasswordUnused,

    /// <summary>An active access key has not been used for -Days (or never, and is older than that).</summary>
    AccessKeyUnused,

    /// <summary>An active access key is older than -MaxKeyAge.</summary>
    AccessKeyOld,

    /// <summary>A user has an inline policy (policies belong on groups, as managed policies).</summary>
    UserInlinePolicy,

    /// <summary>A policy allowing every action on every resource is attached to a user directly (managed or inline).</summary>
    UserAdminPolicy,

    /// <summary>A role trusts another account (or everyone) without an sts:ExternalId condition.</summary>
    RoleTrustWithoutExternalId,

    /// <summary>A role older than -Days has never been used.</summary>
    RoleNeverUsed,

    /// <summary>A role has not been used for -Days.</summary>
    RoleUnused,
}

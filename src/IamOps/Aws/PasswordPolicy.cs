namespace IamOps.Aws;

/// <summary>
/// The account password policy. IAM has no partial update: every value here is sent, and a null resets that setting
/// to IAM's default, so callers merge with the current policy first.
/// </summary>
public sealed record PasswordPolicy
{
    /// <summary>6 to 128; IAM's default is 6.</summary>
    public int MinimumPasswordLength { get; init; } = 6;

    public bool RequireSymbols { get; init; }

    public bool RequireNumbers { get; init; }

    public bool RequireUppercaseCharacters { get; init; }

    public bool RequireLowercaseCharacters { get; init; }

    public bool AllowUsersToChangePassword { get; init; }

    /// <summary>Days, 1 to 1095; null means passwords never expire.</summary>
    public int? MaxPasswordAge { get; init; }

    /// <summary>How many previous passwords cannot be reused, 1 to 24; null means no prevention.</summary>
    public int? PasswordReusePrevention { get; init; }

    public bool HardExpiry { get; init; }

    /// <summary>Reported by IAM (true when <see cref="MaxPasswordAge"/> is set); not sent on update.</summary>
    public bool ExpirePasswords { get; init; }
}

namespace IamOps.Audit;

/// <summary>
/// One row of IAM's credential report, typed: times are UTC <see cref="DateTime"/>s, IAM's "N/A", "no_information" and
/// "not_supported" are null, and ages are whole days up to the report's time.
/// </summary>
public sealed class CredentialReportEntry
{
    /// <summary>The name IAM gives the root user's row.</summary>
    public const string RootUserName = "<root_account>";

    /// <summary>The user name; <c>&lt;root_account&gt;</c> for the root user.</summary>
    public string UserName { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    public bool IsRoot => UserName == RootUserName;

    public DateTime? UserCreationTime { get; init; }

    /// <summary>Whether the user has a console password; null for the root user (IAM: not_supported).</summary>
    public bool? PasswordEnabled { get; init; }

    /// <summary>The last console sign-in with the password; null when never (or unknown).</summary>
    public DateTime? PasswordLastUsed { get; init; }

    public DateTime? PasswordLastChanged { get; init; }

    /// <summary>When the password policy requires a new password; null without a maximum age.</summary>
    public DateTime? PasswordNextRotation { get; init; }

    public bool MfaActive { get; init; }

    public CredentialReportAccessKey AccessKey1 { get; init; } = new() { Number = 1 };

    public CredentialReportAccessKey AccessKey2 { get; init; } = new() { Number = 2 };

    public CredentialReportCertificate Certificate1 { get; init; } = new() { Number = 1 };

    public CredentialReportCertificate Certificate2 { get; init; } = new() { Number = 2 };

    /// <summary>When IAM generated the report: the time the ages are counted to.</summary>
    public DateTime ReportTime { get; init; }

    /// <summary>Whole days since the password was last used; null when it never was or there is none.</summary>
    public int? PasswordLastUsedDays { get; init; }

    /// <summary>Whole days since the password was last changed; null without a password.</summary>
    public int? PasswordAgeDays { get; init; }

    /// <summary>Whole days since the user was created.</summary>
    public int? UserAgeDays { get; init; }

    /// <summary>The keys the user has (0, 1 or 2 of <see cref="AccessKey1"/> and <see cref="AccessKey2"/>).</summary>
    public IReadOnlyList<CredentialReportAccessKey> AccessKeys => new[] { AccessKey1, AccessKey2 }.Where(k => k.Exists).ToList();

    public int ActiveAccessKeyCount => (AccessKey1.Active ? 1 : 0) + (AccessKey2.Active ? 1 : 0);

    public override string ToString() => UserName;
}

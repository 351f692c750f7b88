namespace IamOps.Audit;

/// <summary>One thing Get-IamSecurityReport found wrong with the account's IAM posture, with the command that fixes it.</summary>
public sealed class SecurityFinding
{
    public SecurityCheck Check { get; init; }

    public SecuritySeverity Severity { get; init; }

    /// <summary>Root, User, AccessKey, Password, Policy or Role: what <see cref="Resource"/> is.</summary>
    public string ResourceType { get; init; } = string.Empty;

    /// <summary>The user's, role's or root user's name as the account spells it (<c>&lt;root_account&gt;</c> for root).</summary>
    public string ResourceName { get; init; } = string.Empty;

    /// <summary>The ARN of the user, role or root user the finding is about.</summary>
    public string Resource { get; init; } = string.Empty;

    /// <summary>What is wrong, in one sentence.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The command that fixes it (IamOps where one exists), or the manual step where no API can.</summary>
    public string Fix { get; init; } = string.Empty;

    public override string ToString() => $"{Severity} {Check} {ResourceName}: {Message}";
}

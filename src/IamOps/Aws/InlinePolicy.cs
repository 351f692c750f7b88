namespace IamOps.Aws;

/// <summary>A policy embedded in one user, group or role.</summary>
public sealed record InlinePolicy
{
    public IdentityKind IdentityKind { get; init; }

    /// <summary>The user, group or role the policy is embedded in.</summary>
    public string IdentityName { get; init; } = string.Empty;

    public string PolicyName { get; init; } = string.Empty;

    /// <summary>The policy JSON, already URL-decoded.</summary>
    public string PolicyDocument { get; init; } = string.Empty;
}

namespace IamOps.RoleAssume;

/// <summary>What Invoke-IamRoleAssume was asked for with a web identity token or SAML assertion (the token itself travels apart).</summary>
public sealed record WebIdentityRequest
{
    public string RoleArn { get; init; } = string.Empty;

    /// <summary>Null: <see cref="WebIdentityAssumption.DefaultSessionName"/> (SAML takes it from the assertion).</summary>
    public string? RoleSessionName { get; init; }

    public int? DurationSeconds { get; init; }

    /// <summary>An inline session policy (JSON).</summary>
    public string? Policy { get; init; }

    public IReadOnlyList<string> PolicyArns { get; init; } = Array.Empty<string>();

    /// <summary>For SAML: the ARN of the account's SAML provider that issued the assertion.</summary>
    public string? PrincipalArn { get; init; }

    public bool NoCache { get; init; }

    public bool Verify { get; init; }

    /// <summary>How long to keep retrying an AccessDenied that may be IAM still propagating a new role or trust.</summary>
    public TimeSpan? WaitForRole { get; init; }
}

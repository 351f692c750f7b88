namespace IamOps.Roles;

/// <summary>
/// A role that must exist and trust these principals: created when absent (if allowed), its trust policy merged when
/// present, and, for the EC2 service, an instance profile of the same name holding it.
/// </summary>
public sealed record RoleTrustRequest
{
    public string RoleName { get; init; } = string.Empty;

    /// <summary>Who may assume the role; all share the same <see cref="Conditions"/>.</summary>
    public IReadOnlyList<TrustPrincipal> Principals { get; init; } = Array.Empty<TrustPrincipal>();

    /// <summary>Conditions the trust statement carries for these principals (MFA, external id); empty for none.</summary>
    public IReadOnlyList<TrustCondition> Conditions { get; init; } = Array.Empty<TrustCondition>();

    /// <summary>The actions the principals are trusted for.</summary>
    public IReadOnlyList<string> Actions { get; init; } = new[] { "sts:AssumeRole" };

    /// <summary>False to fail instead of creating a missing role.</summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>The path of a role created now; an existing role keeps its own.</summary>
    public string? Path { get; init; }

    /// <summary>The description of a role created now.</summary>
    public string? Description { get; init; }

    /// <summary>The longest session (seconds, 3600 to 43200) the role allows; null leaves a role's own (IAM's default 3600 for a new one).</summary>
    public int? MaxSessionDuration { get; init; }

    /// <summary>Whether an instance profile of the role's name must hold the role; null means "when EC2 is trusted".</summary>
    public bool? InstanceProfile { get; init; }

    internal bool WantsInstanceProfile => InstanceProfile ?? Principals.Any(p => p.IsEc2Service);
}

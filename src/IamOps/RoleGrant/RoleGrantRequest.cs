namespace IamOps.RoleGrant;

/// <summary>One Grant-IamRoleAssume input: the role, who may assume it and under which conditions, and what the role gets.</summary>
public sealed record RoleGrantRequest
{
    public string RoleName { get; init; } = string.Empty;

    public RoleGranteeKind GranteeKind { get; init; }

    /// <summary>The user name, the group name, the account ids or the service principals, as given.</summary>
    public IReadOnlyList<string> Grantees { get; init; } = Array.Empty<string>();

    /// <summary>The trust statement requires MFA (aws:MultiFactorAuthPresent); not for services.</summary>
    public bool RequireMfa { get; init; }

    /// <summary>The trust statement requires this sts:ExternalId; not for services.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Managed policies the role must have attached.</summary>
    public IReadOnlyList<string> PolicyArns { get; init; } = Array.Empty<string>();

    /// <summary>Seconds, 3600 to 43200; null leaves the role's own (3600 for a new role).</summary>
    public int? MaxSessionDuration { get; init; }

    /// <summary>EC2 instances that must run with the role's instance profile (only with ec2.amazonaws.com).</summary>
    public IReadOnlyList<string> InstanceIds { get; init; } = Array.Empty<string>();

    /// <summary>For WebIdentity and Saml: the provider and the token's audience and subject.</summary>
    public Roles.FederatedTrust? Federation { get; init; }

    /// <summary>For WebIdentity: create the OIDC provider when the account has none for the issuer.</summary>
    public bool CreateProvider { get; init; }
}

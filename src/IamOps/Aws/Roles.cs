namespace IamOps.Aws;

/// <summary>An IAM role (ListRoles leaves Tags, the boundary and last use empty).</summary>
public sealed record IamRole
{
    public string RoleName { get; init; } = string.Empty;

    public string RoleId { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    public string Path { get; init; } = "/";

    public DateTime CreateDate { get; init; }

    /// <summary>The trust policy JSON, already URL-decoded.</summary>
    public string AssumeRolePolicyDocument { get; init; } = string.Empty;

    public string? Description { get; init; }

    /// <summary>Seconds, 3600 to 43200.</summary>
    public int MaxSessionDuration { get; init; } = 3600;

    public string? PermissionsBoundaryArn { get; init; }

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();

    public DateTime? LastUsedDate { get; init; }

    public string? LastUsedRegion { get; init; }
}

/// <summary>The parameters of IAM CreateRole.</summary>
public sealed record CreateRoleRequest
{
    public string RoleName { get; init; } = string.Empty;

    /// <summary>The trust policy JSON, as plain text.</summary>
    public string AssumeRolePolicyDocument { get; init; } = string.Empty;

    public string? Path { get; init; }

    public string? Description { get; init; }

    /// <summary>Seconds, 3600 to 43200; null leaves IAM's default (3600).</summary>
    public int? MaxSessionDuration { get; init; }

    public string? PermissionsBoundaryArn { get; init; }

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();
}

/// <summary>An instance profile and the role it holds (at most one).</summary>
public sealed record InstanceProfile
{
    public string InstanceProfileName { get; init; } = string.Empty;

    public string InstanceProfileId { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    public string Path { get; init; } = "/";

    public DateTime CreateDate { get; init; }

    public IReadOnlyList<IamRole> Roles { get; init; } = Array.Empty<IamRole>();

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();
}

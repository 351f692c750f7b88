namespace IamOps.Aws;

/// <summary>A customer or AWS managed policy (its metadata; the document lives in <see cref="PolicyVersion"/>).</summary>
public sealed record ManagedPolicy
{
    public string PolicyName { get; init; } = string.Empty;

    public string PolicyId { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    public string Path { get; init; } = "/";

    public string DefaultVersionId { get; init; } = string.Empty;

    public int AttachmentCount { get; init; }

    public int PermissionsBoundaryUsageCount { get; init; }

    public bool IsAttachable { get; init; }

    public string? Description { get; init; }

    public DateTime CreateDate { get; init; }

    public DateTime UpdateDate { get; init; }

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();
}

/// <summary>The parameters of IAM CreatePolicy.</summary>
public sealed record CreatePolicyRequest
{
    public string PolicyName { get; init; } = string.Empty;

    /// <summary>The policy JSON, as plain text.</summary>
    public string PolicyDocument { get; init; } = string.Empty;

    public string? Path { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();
}

/// <summary>One version of a managed policy.</summary>
public sealed record PolicyVersion
{
    public string VersionId { get; init; } = string.Empty;

    public bool IsDefaultVersion { get; init; }

    public DateTime CreateDate { get; init; }

    /// <summary>The policy JSON, already URL-decoded; null where IAM does not return it (ListPolicyVersions).</summary>
    public string? Document { get; init; }
}

/// <summary>A managed policy attached to a user, group or role.</summary>
public sealed record AttachedPolicy(string PolicyName, string PolicyArn);

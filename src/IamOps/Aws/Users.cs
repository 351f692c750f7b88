namespace IamOps.Aws;

/// <summary>An IAM user as GetUser/CreateUser/ListUsers describe it (ListUsers leaves Tags and the boundary empty).</summary>
public sealed record IamUser
{
    public string UserName { get; init; } = string.Empty;

    public string UserId { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    public string Path { get; init; } = "/";

    public DateTime CreateDate { get; init; }

    /// <summary>When the user's password was last used to sign in; null when never (or not reported).</summary>
    public DateTime? PasswordLastUsed { get; init; }

    public string? PermissionsBoundaryArn { get; init; }

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();
}

/// <summary>The parameters of IAM CreateUser.</summary>
public sealed record CreateUserRequest
{
    public string UserName { get; init; } = string.Empty;

    public string? Path { get; init; }

    public string? PermissionsBoundaryArn { get; init; }

    public IReadOnlyList<IamTag> Tags { get; init; } = Array.Empty<IamTag>();
}

/// <summary>A user's console password settings (never the password itself).</summary>
public sealed record LoginProfile
{
    public string UserName { get; init; } = string.Empty;

    public DateTime CreateDate { get; init; }

    public bool PasswordResetRequired { get; init; }
}

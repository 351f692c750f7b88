namespace IamOps.PolicyCheck;

/// <summary>A statement that decided a <see cref="PolicyCheckDecision"/>, from the local engine or from IAM's simulator.</summary>
public sealed record DecidingStatement
{
    /// <summary>The policy's source: a file path, PolicyDocument[i], a policy ARN, or inline:user/alice/Name.</summary>
    public string PolicyId { get; init; } = string.Empty;

    /// <summary>Identity, PermissionsBoundary, Session, ServiceControl or Resource (locally); IAM's source type remotely.</summary>
    public string PolicyKind { get; init; } = string.Empty;

    /// <summary>0-based; null when IAM's simulator decided (it reports positions, not indexes).</summary>
    public int? StatementIndex { get; init; }

    public string? Sid { get; init; }

    /// <summary>True for a Deny statement; null when IAM's simulator decided.</summary>
    public bool? IsDeny { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    public override string ToString() =>
        StatementIndex is { } index ? $"{PolicyId}[{index}]{(Sid is null ? string.Empty : " " + Sid)}" : $"{PolicyId}@{Line}:{Column}";
}

namespace IamOps.Policy;

/// <summary>A statement that applied to a request: it matched the action, resource, principal and all its conditions.</summary>
public sealed class MatchedStatement
{
    internal MatchedStatement(string policyId, PolicySource source, PolicyStatement statement)
    {
        PolicyId = policyId;
        Source = source;
        StatementIndex = statement.Index;
        Sid = statement.Sid?.Text;
        IsDeny = statement.IsDeny;
        Location = statement.Location;
    }

    /// <summary>The id given to the policy when it was compiled.</summary>
    public string PolicyId { get; }

    /// <summary>The role of that policy.</summary>
    public PolicySource Source { get; }

    /// <summary>0-based statement index in the policy.</summary>
    public int StatementIndex { get; }

    /// <summary>The statement's Sid, if any.</summary>
    public string? Sid { get; }

    /// <summary>True for a Deny statement.</summary>
    public bool IsDeny { get; }

    /// <summary>Where the statement starts in the policy text.</summary>
    public SourceLocation Location { get; }

    /// <inheritdoc />
    public override string ToString() => $"{PolicyId}[{StatementIndex}]{(Sid is null ? string.Empty : " " + Sid)}";
}

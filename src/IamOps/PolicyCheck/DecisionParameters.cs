using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>Test-IamPolicy's decide-mode parameters as given, policies still in the caller's form (text, hashtable, object).</summary>
public sealed record DecisionParameters
{
    public string? PrincipalArn { get; init; }

    public IReadOnlyList<string> Actions { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Resources { get; init; } = new[] { "*" };

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Context { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> PrincipalTags { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public string? ResourceAccount { get; init; }

    public IdentityAttachment AttachedTo { get; init; } = IdentityAttachment.Managed;

    public object? PermissionsBoundary { get; init; }

    public object? SessionPolicy { get; init; }

    public object? ResourcePolicy { get; init; }

    public object? TrustPolicy { get; init; }

    /// <summary>A flat list (one level) or a list of lists (levels, root first).</summary>
    public IReadOnlyList<object?>? ServiceControlPolicy { get; init; }

    /// <summary>A flat list (one level) or a list of lists (levels, root first).</summary>
    public IReadOnlyList<object?>? ResourceControlPolicy { get; init; }
}

namespace IamOps.PolicyCheck;

/// <summary>Decide mode's question: these policies, this principal, every action × resource, this context.</summary>
public sealed record DecisionRequest
{
    /// <summary>Used when no principal is given: an IAM user in the documentation's example account.</summary>
    public const string DefaultPrincipalArn = "arn:aws:iam::123456789012:user/PolicyTester";

    public string PrincipalArn { get; init; } = DefaultPrincipalArn;

    /// <summary>Exact action names (wildcards already expanded by <see cref="ActionExpansion"/>).</summary>
    public IReadOnlyList<string> Actions { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Resources { get; init; } = new[] { "*" };

    /// <summary>Condition keys to their values; a key with several values is multivalued.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Context { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<SourcedPolicy> IdentityPolicies { get; init; } = Array.Empty<SourcedPolicy>();

    public SourcedPolicy? PermissionsBoundary { get; init; }

    public SourcedPolicy? SessionPolicy { get; init; }

    public SourcedPolicy? ResourcePolicy { get; init; }

    /// <summary>One policy per organization level; each level must allow.</summary>
    public IReadOnlyList<SourcedPolicy> ServiceControlPolicies { get; init; } = Array.Empty<SourcedPolicy>();
}

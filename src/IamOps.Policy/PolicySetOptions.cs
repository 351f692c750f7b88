namespace IamOps.Policy;

/// <summary>Every policy that can take part in a decision, by the role it plays.</summary>
public sealed record PolicySetOptions
{
    /// <summary>Identity policies of the user and its groups, or of the role; may be empty (a service, or "does this resource policy let them in?").</summary>
    public IReadOnlyList<CompiledPolicy> IdentityPolicies { get; init; } = Array.Empty<CompiledPolicy>();

    /// <summary>The principal's permissions boundary, if any.</summary>
    public CompiledPolicy? PermissionsBoundary { get; init; }

    /// <summary>The session policy (all session policies of the session as one document), if any.</summary>
    public CompiledPolicy? SessionPolicy { get; init; }

    /// <summary>
    /// The resource's policy: a bucket or queue policy, a KMS key policy, or, when the resource is a role, its trust policy.
    /// Role trust policies and key policies must allow whatever the identity policies say.
    /// </summary>
    public CompiledPolicy? ResourcePolicy { get; init; }

    /// <summary>
    /// The SCPs of the principal's account, one list per organization level, root first: each level needs an Allow from one
    /// of its policies; a Deny in any of them wins. Assumes a member account: SCPs do not apply to the management account.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<CompiledPolicy>> ServiceControlLevels { get; init; } = Array.Empty<IReadOnlyList<CompiledPolicy>>();

    /// <summary>The RCPs of the resource's account, one list per organization level, root first; read like <see cref="ServiceControlLevels"/>.</summary>
    public IReadOnlyList<IReadOnlyList<CompiledPolicy>> ResourceControlLevels { get; init; } = Array.Empty<IReadOnlyList<CompiledPolicy>>();
}

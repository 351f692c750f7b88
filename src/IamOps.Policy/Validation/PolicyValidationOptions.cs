namespace IamOps.Policy;

/// <summary>What to validate a document as.</summary>
public sealed class PolicyValidationOptions
{
    /// <summary>The policy kind (default Identity).</summary>
    public PolicyType PolicyType { get; init; } = PolicyType.Identity;

    /// <summary>For identity policies, where it is attached (default Managed).</summary>
    public IdentityAttachment AttachedTo { get; init; } = IdentityAttachment.Managed;

    /// <summary>The catalog for action, resource and condition-key checks (default <see cref="ActionCatalog.Default"/>).</summary>
    public ActionCatalog? Catalog { get; init; }

    /// <summary>The size IAM accepts for this kind, in characters without whitespace outside strings.</summary>
    public int SizeLimit => PolicyType switch
    {
        PolicyType.Trust => 2048,
        PolicyType.ServiceControl or PolicyType.ResourceControl => 5120,
        PolicyType.PermissionsBoundary => 6144,
        PolicyType.Resource => 20480,
        _ => AttachedTo switch
        {
            IdentityAttachment.User => 2048,
            IdentityAttachment.Group => 5120,
            IdentityAttachment.Role => 10240,
            _ => 6144,
        },
    };
}

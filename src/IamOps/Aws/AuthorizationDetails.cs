namespace IamOps.Aws;

/// <summary>Which entity types GetAccountAuthorizationDetails returns (IAM's <c>Filter</c> values).</summary>
[Flags]
public enum AuthorizationDetailsFilter
{
    All = 0,
    User = 1,
    Group = 2,
    Role = 4,
    LocalManagedPolicy = 8,
    AwsManagedPolicy = 16,
}

/// <summary>The whole answer of GetAccountAuthorizationDetails, every page gathered.</summary>
public sealed record AccountAuthorizationDetails
{
    public IReadOnlyList<UserAuthorizationDetail> Users { get; init; } = Array.Empty<UserAuthorizationDetail>();

    public IReadOnlyList<GroupAuthorizationDetail> Groups { get; init; } = Array.Empty<GroupAuthorizationDetail>();

    public IReadOnlyList<RoleAuthorizationDetail> Roles { get; init; } = Array.Empty<RoleAuthorizationDetail>();

    public IReadOnlyList<ManagedPolicyDetail> Policies { get; init; } = Array.Empty<ManagedPolicyDetail>();
}

/// <summary>A user with its group memberships and policies.</summary>
public sealed record UserAuthorizationDetail
{
    public IamUser User { get; init; } = new();

    public IReadOnlyList<string> GroupNames { get; init; } = Array.Empty<string>();

    public IReadOnlyList<InlinePolicy> InlinePolicies { get; init; } = Array.Empty<InlinePolicy>();

    public IReadOnlyList<AttachedPolicy> AttachedPolicies { get; init; } = Array.Empty<AttachedPolicy>();
}

/// <summary>A group with its policies.</summary>
public sealed record GroupAuthorizationDetail
{
    public IamGroup Group { get; init; } = new();

    public IReadOnlyList<InlinePolicy> InlinePolicies { get; init; } = Array.Empty<InlinePolicy>();

    public IReadOnlyList<AttachedPolicy> AttachedPolicies { get; init; } = Array.Empty<AttachedPolicy>();
}

/// <summary>A role with its policies and the instance profiles that hold it.</summary>
public sealed record RoleAuthorizationDetail
{
    public IamRole Role { get; init; } = new();

    public IReadOnlyList<InlinePolicy> InlinePolicies { get; init; } = Array.Empty<InlinePolicy>();

    public IReadOnlyList<AttachedPolicy> AttachedPolicies { get; init; } = Array.Empty<AttachedPolicy>();

    public IReadOnlyList<InstanceProfile> InstanceProfiles { get; init; } = Array.Empty<InstanceProfile>();
}

/// <summary>A managed policy with every version's document.</summary>
public sealed record ManagedPolicyDetail
{
    public ManagedPolicy Policy { get; init; } = new();

    public IReadOnlyList<PolicyVersion> Versions { get; init; } = Array.Empty<PolicyVersion>();
}

namespace IamOps.Aws;

/// <summary>What DescribeOrganization answers.</summary>
public sealed record OrganizationDescription
{
    public string Id { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    /// <summary>ALL or CONSOLIDATED_BILLING.</summary>
    public string FeatureSet { get; init; } = string.Empty;

    public string ManagementAccountId { get; init; } = string.Empty;

    public string ManagementAccountArn { get; init; } = string.Empty;

    public string ManagementAccountEmail { get; init; } = string.Empty;
}

/// <summary>An account as Organizations lists it.</summary>
public sealed record OrganizationsAccount
{
    public string Id { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    /// <summary>ACTIVE, SUSPENDED or PENDING_CLOSURE.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>INVITED or CREATED.</summary>
    public string JoinedMethod { get; init; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime JoinedTimestamp { get; init; }
}

/// <summary>The root of an organization (an organization has one).</summary>
public sealed record OrganizationRoot(string Id, string Arn, string Name);

public sealed record OrganizationalUnit(string Id, string Arn, string Name);

/// <summary>The parent of an account or OU.</summary>
/// <param name="Type">ROOT or ORGANIZATIONAL_UNIT.</param>
public sealed record OrganizationParent(string Id, string Type)
{
    public bool IsRoot => Type == "ROOT";
}

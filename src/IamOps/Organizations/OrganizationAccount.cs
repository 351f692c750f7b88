namespace IamOps.Organizations;

/// <summary>An account of the organization, as Get-IamOrganizationAccount writes it: what Organizations says, and where it sits.</summary>
public sealed class OrganizationAccount
{
    /// <summary>The 12-digit account id (what Invoke-IamInAccount and AWS.Tools bind to).</summary>
    public string Id { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    /// <summary>ACTIVE, SUSPENDED or PENDING_CLOSURE.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>When the account joined the organization, UTC.</summary>
    public DateTime JoinedTimestamp { get; init; }

    /// <summary>INVITED or CREATED.</summary>
    public string JoinedMethod { get; init; } = string.Empty;

    public string Arn { get; init; } = string.Empty;

    /// <summary>The root or OU the account sits in directly.</summary>
    public string ParentId { get; init; } = string.Empty;

    /// <summary>The names from the root to the account's OU, e.g. Root/Workloads/Prod.</summary>
    public string OuPath { get; init; } = string.Empty;

    public override string ToString() => $"{Id} ({Name})";
}

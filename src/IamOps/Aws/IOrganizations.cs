namespace IamOps.Aws;

/// <summary>
/// AWS Organizations, only the reads IamOps uses (listing the organization's accounts and where they sit). Listings
/// follow NextToken to the end; the management account (or a delegated administrator) may call them.
/// </summary>
public interface IOrganizations
{
    Task<OrganizationDescription> DescribeOrganizationAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<OrganizationsAccount> ListAccountsAsync(CancellationToken cancellationToken);

    /// <param name="parentId">The root (r-…) or an OU (ou-…): only the accounts directly under it.</param>
    IAsyncEnumerable<OrganizationsAccount> ListAccountsForParentAsync(string parentId, CancellationToken cancellationToken);

    IAsyncEnumerable<OrganizationRoot> ListRootsAsync(CancellationToken cancellationToken);

    /// <param name="parentId">The root or an OU: only the OUs directly under it.</param>
    IAsyncEnumerable<OrganizationalUnit> ListOrganizationalUnitsForParentAsync(string parentId, CancellationToken cancellationToken);

    /// <param name="childId">An account id or an OU id: its one parent (the root or an OU).</param>
    IAsyncEnumerable<OrganizationParent> ListParentsAsync(string childId, CancellationToken cancellationToken);

    Task<OrganizationalUnit> DescribeOrganizationalUnitAsync(string organizationalUnitId, CancellationToken cancellationToken);
}

using System.Runtime.CompilerServices;
using IamOps.Aws;

namespace IamOps.Simulator;

/// <summary><see cref="IOrganizations"/> in process: each page is one call, authorized and logged as AWS Organizations would take it.</summary>
internal sealed class SimulatorOrganizations : IOrganizations
{
    private readonly SimulatorConnection _connection;

    public SimulatorOrganizations(SimulatorConnection connection) => _connection = connection;

    private OrganizationsService Service => _connection.Account.OrganizationsApi;

    public Task<OrganizationDescription> DescribeOrganizationAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Call("DescribeOrganization", null, () => Service.DescribeOrganization()));
    }

    public IAsyncEnumerable<OrganizationsAccount> ListAccountsAsync(CancellationToken cancellationToken) =>
        Pages("ListAccounts", null, token => Service.ListAccounts(token, null), cancellationToken);

    public IAsyncEnumerable<OrganizationsAccount> ListAccountsForParentAsync(string parentId, CancellationToken cancellationToken) =>
        Pages("ListAccountsForParent", parentId, token => Service.ListAccountsForParent(parentId, token, null), cancellationToken);

    public IAsyncEnumerable<OrganizationRoot> ListRootsAsync(CancellationToken cancellationToken) =>
        Pages("ListRoots", null, token => Service.ListRoots(token, null), cancellationToken);

    public IAsyncEnumerable<OrganizationalUnit> ListOrganizationalUnitsForParentAsync(string parentId, CancellationToken cancellationToken) =>
        Pages("ListOrganizationalUnitsForParent", parentId, token => Service.ListOrganizationalUnitsForParent(parentId, token, null), cancellationToken);

    public IAsyncEnumerable<OrganizationParent> ListParentsAsync(string childId, CancellationToken cancellationToken) =>
        Pages("ListParents", childId, token => Service.ListParents(childId, token, null), cancellationToken);

    public Task<OrganizationalUnit> DescribeOrganizationalUnitAsync(string organizationalUnitId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Call("DescribeOrganizationalUnit", organizationalUnitId, () => Service.DescribeOrganizationalUnit(organizationalUnitId)));
    }

    private T Call<T>(string operation, string? resource, Func<T> apply) =>
        _connection.Call("organizations", operation, resource, _ => apply(), permission: _ => new Permission("organizations:" + operation, "*"));

    private async IAsyncEnumerable<T> Pages<T>(string operation, string? resource, Func<string?, Page<T>> page, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = Call(operation, resource, () => page(token));
            foreach (var item in current.Items)
            {
                yield return item;
            }

            token = current.NextToken;
            await Task.Yield();
        }
        while (token is not null);
    }
}

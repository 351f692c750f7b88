using IamOps.Aws;

namespace IamOps.Organizations;

/// <summary>
/// Lists an organization's accounts with the OU path of each: every account (ListAccounts, with the OU tree walked
/// once for the paths), or those under one root or OU (ListAccountsForParent, recursively with -Recurse; the parent's
/// own path from ListParents and DescribeOrganizationalUnit).
/// </summary>
public sealed class OrganizationAccountListing
{
    private readonly IOrganizations _organizations;

    public OrganizationAccountListing(IOrganizations organizations) => _organizations = organizations;

    public async Task<IReadOnlyList<OrganizationAccount>> ListAsync(OrganizationAccountRequest request, CancellationToken cancellationToken)
    {
        request.Check();
        var root = await RootAsync(cancellationToken).ConfigureAwait(false);
        var listed = request.ParentId is null
            ? await EveryAccountAsync(root, cancellationToken).ConfigureAwait(false)
            : await UnderParentAsync(root, request.ParentId, request.Recurse, cancellationToken).ConfigureAwait(false);
        var statuses = new HashSet<string>(request.Statuses, StringComparer.Ordinal);
        return listed.Where(a => statuses.Contains(a.Status)).ToList();
    }

    private async Task<OrganizationRoot> RootAsync(CancellationToken cancellationToken)
    {
        await foreach (var root in _organizations.ListRootsAsync(cancellationToken).ConfigureAwait(false))
        {
            return root;
        }

        throw new IamOpsException("OrganizationRootNotFound", FailureKind.InvalidData, "AWS Organizations listed no root for this organization; check -EndpointUrl.", null);
    }

    private async Task<List<OrganizationAccount>> EveryAccountAsync(OrganizationRoot root, CancellationToken cancellationToken)
    {
        var paths = await UnitPathsAsync(root.Id, RootName(root), cancellationToken).ConfigureAwait(false);
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in paths.Keys.Where(id => id != root.Id))
        {
            await foreach (var account in _organizations.ListAccountsForParentAsync(unit, cancellationToken).ConfigureAwait(false))
            {
                parents[account.Id] = unit;
            }
        }

        var accounts = new List<OrganizationAccount>();
        await foreach (var account in _organizations.ListAccountsAsync(cancellationToken).ConfigureAwait(false))
        {
            var parent = parents.TryGetValue(account.Id, out var unit) ? unit : root.Id;
            accounts.Add(ToAccount(account, parent, paths[parent]));
        }

        return accounts;
    }

    private async Task<List<OrganizationAccount>> UnderParentAsync(OrganizationRoot root, string parentId, bool recurse, CancellationToken cancellationToken)
    {
        var parentPath = await PathOfAsync(root, parentId, cancellationToken).ConfigureAwait(false);
        var paths = recurse
            ? await UnitPathsAsync(parentId, parentPath, cancellationToken).ConfigureAwait(false)
            : new Dictionary<string, string>(StringComparer.Ordinal) { [parentId] = parentPath };
        var accounts = new List<OrganizationAccount>();
        foreach (var unit in paths)
        {
            await foreach (var account in _organizations.ListAccountsForParentAsync(unit.Key, cancellationToken).ConfigureAwait(false))
            {
                accounts.Add(ToAccount(account, unit.Key, unit.Value));
            }
        }

        return accounts;
    }

    /// <summary>Every OU under <paramref name="parentId"/> at any depth (and the parent itself), with its path, parents before children.</summary>
    private async Task<Dictionary<string, string>> UnitPathsAsync(string parentId, string parentPath, CancellationToken cancellationToken)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal) { [parentId] = parentPath };
        var pending = new Queue<string>();
        pending.Enqueue(parentId);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            await foreach (var unit in _organizations.ListOrganizationalUnitsForParentAsync(current, cancellationToken).ConfigureAwait(false))
            {
                if (!paths.ContainsKey(unit.Id))
                {
                    paths[unit.Id] = paths[current] + "/" + unit.Name;
                    pending.Enqueue(unit.Id);
                }
            }
        }

        return paths;
    }

    /// <summary>The path of a root or OU: its OU names up the tree (ListParents), and the root's name.</summary>
    private async Task<string> PathOfAsync(OrganizationRoot root, string parentId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var current = parentId;
        // OUs nest at most 5 deep: a longer chain is a broken endpoint, not a reason to loop.
        for (var depth = 0; current != root.Id; depth++)
        {
            if (depth > 5 || current.StartsWith("r-", StringComparison.Ordinal))
            {
                throw new IamOpsException("ParentNotFound", FailureKind.ObjectNotFound, $"-ParentId {parentId} is not in this organization (its root is {root.Id}).", parentId);
            }

            names.Add((await _organizations.DescribeOrganizationalUnitAsync(current, cancellationToken).ConfigureAwait(false)).Name);
            OrganizationParent? parent = null;
            await foreach (var each in _organizations.ListParentsAsync(current, cancellationToken).ConfigureAwait(false))
            {
                parent = each;
                break;
            }

            current = parent?.Id ?? root.Id;
        }

        names.Add(RootName(root));
        names.Reverse();
        return string.Join("/", names);
    }

    private static string RootName(OrganizationRoot root) => string.IsNullOrEmpty(root.Name) ? "Root" : root.Name;

    private static OrganizationAccount ToAccount(OrganizationsAccount account, string parentId, string path) => new()
    {
        Id = account.Id,
        Name = account.Name,
        Email = account.Email,
        Status = account.Status,
        JoinedMethod = account.JoinedMethod,
        JoinedTimestamp = DateTime.SpecifyKind(account.JoinedTimestamp, DateTimeKind.Utc),
        Arn = account.Arn,
        ParentId = parentId,
        OuPath = path,
    };
}

using IamOps.Aws;

namespace IamOps.LeastPrivilege;

/// <summary>
/// The permissions policies a user or role has now (inline and attached; for a user, its groups' too), as documents:
/// what the proposal is cut from, so it never grants more than they do.
/// </summary>
public static class GrantedPolicyReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(IIam iam, IdentityKind kind, string name, CancellationToken cancellationToken)
    {
        var documents = new List<string>();
        await AddAsync(iam, kind, name, documents, cancellationToken).ConfigureAwait(false);
        if (kind == IdentityKind.User)
        {
            foreach (var group in await IamLookup.ToListAsync(iam.ListGroupsForUserAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false))
            {
                await AddAsync(iam, IdentityKind.Group, group.GroupName, documents, cancellationToken).ConfigureAwait(false);
            }
        }

        return documents;
    }

    private static async Task AddAsync(IIam iam, IdentityKind kind, string name, List<string> documents, CancellationToken cancellationToken)
    {
        foreach (var policyName in await IamLookup.ToListAsync(iam.ListInlinePolicyNamesAsync(kind, name, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            documents.Add((await iam.GetInlinePolicyAsync(kind, name, policyName, cancellationToken).ConfigureAwait(false)).PolicyDocument);
        }

        foreach (var attached in await IamLookup.ToListAsync(iam.ListAttachedPoliciesAsync(kind, name, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            var policy = await iam.GetPolicyAsync(attached.PolicyArn, cancellationToken).ConfigureAwait(false);
            var version = await iam.GetPolicyVersionAsync(attached.PolicyArn, policy.DefaultVersionId, cancellationToken).ConfigureAwait(false);
            if (version.Document is { } document)
            {
                documents.Add(document);
            }
        }
    }
}

using IamOps.Aws;

namespace IamOps.Policies;

/// <summary>Updating and deleting a customer managed policy the way IAM allows: within the 5-version limit, non-default versions first.</summary>
public static class ManagedPolicyVersions
{
    private const int MaxVersions = 5;

    /// <summary>Makes <paramref name="document"/> the default version, deleting the oldest non-default version when 5 exist.</summary>
    public static async Task ReplaceDefaultAsync(IIam iam, string policyArn, string document, CancellationToken cancellationToken)
    {
        var versions = await IamLookup.ToListAsync(iam.ListPolicyVersionsAsync(policyArn, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (versions.Count >= MaxVersions)
        {
            var oldest = versions.Where(v => !v.IsDefaultVersion).OrderBy(v => v.CreateDate).ThenBy(v => v.VersionId, StringComparer.Ordinal).First();
            await iam.DeletePolicyVersionAsync(policyArn, oldest.VersionId, cancellationToken).ConfigureAwait(false);
        }

        await iam.CreatePolicyVersionAsync(policyArn, document, setAsDefault: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the policy: IAM refuses while other than the default version exist, so those go first.</summary>
    public static async Task DeleteAsync(IIam iam, string policyArn, CancellationToken cancellationToken)
    {
        var versions = await IamLookup.ToListAsync(iam.ListPolicyVersionsAsync(policyArn, cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var version in versions.Where(v => !v.IsDefaultVersion))
        {
            await iam.DeletePolicyVersionAsync(policyArn, version.VersionId, cancellationToken).ConfigureAwait(false);
        }

        await iam.DeletePolicyAsync(policyArn, cancellationToken).ConfigureAwait(false);
    }
}

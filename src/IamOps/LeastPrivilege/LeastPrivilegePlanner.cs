using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Policies;

namespace IamOps.LeastPrivilege;

/// <summary>
/// Plans writing a proposal as a customer managed policy from the live state: create it when it does not exist; when
/// it does and its default version differs, a new default version (first deleting the oldest non-default version when
/// IAM's 5 are used); when it already holds the document, nothing.
/// </summary>
public static class LeastPrivilegePlanner
{
    private const int MaxVersions = 5;

    public static async Task<IReadOnlyList<PlannedChange>> PlanAsync(IIam iam, AccountContext account, string policyName, string? description, string document, CancellationToken cancellationToken)
    {
        var arn = account.PolicyArn(policyName);
        var target = "policy " + policyName;
        var existing = await IamLookup.FindAsync(() => iam.GetPolicyAsync(arn, cancellationToken)).ConfigureAwait(false);
        if (existing is null)
        {
            return new[]
            {
                new PlannedChange(ChangeKind.Create, target, "Create policy", "it does not exist",
                    token => iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = policyName, PolicyDocument = document, Description = description }, token)),
            };
        }

        var current = await iam.GetPolicyVersionAsync(arn, existing.DefaultVersionId, cancellationToken).ConfigureAwait(false);
        if (PolicyText.SameDocument(current.Document, document))
        {
            return Array.Empty<PlannedChange>();
        }

        var changes = new List<PlannedChange>();
        var versions = await IamLookup.ToListAsync(iam.ListPolicyVersionsAsync(arn, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (versions.Count >= MaxVersions)
        {
            var oldest = versions.Where(v => !v.IsDefaultVersion).OrderBy(v => v.CreateDate).ThenBy(v => v.VersionId, StringComparer.Ordinal).First();
            changes.Add(new PlannedChange(ChangeKind.Delete, target, $"Delete version {oldest.VersionId} of policy",
                $"IAM keeps at most {MaxVersions} versions; {oldest.VersionId} is the oldest that is not the default",
                token => iam.DeletePolicyVersionAsync(arn, oldest.VersionId, token)));
        }

        changes.Add(new PlannedChange(ChangeKind.Update, target, "Create default version of policy", $"its default version {current.VersionId} differs from the proposal",
            token => iam.CreatePolicyVersionAsync(arn, document, setAsDefault: true, token)));
        return changes;
    }
}

using IamOps.Accounts;
using IamOps.Aws;

namespace IamOps.Principals;

/// <summary>
/// The live reads about one principal that grant and revoke planners (bucket access, role grants) share: whether it
/// exists and its ARN, an inline policy, a managed policy with its document, and whether that policy is attached.
/// </summary>
internal sealed class PrincipalLookup
{
    private readonly IAwsConnection _aws;
    private readonly AccountContext _account;

    public PrincipalLookup(IAwsConnection aws, AccountContext account)
    {
        _aws = aws;
        _account = account;
    }

    /// <summary>The principal's ARN; fails with TargetNotFound when it does not exist.</summary>
    public async Task<string> PrincipalArnAsync(PrincipalTarget principal, string hint, CancellationToken cancellationToken)
    {
        var name = principal.Name;
        var arn = principal.Kind switch
        {
            IdentityKind.User => (await IamLookup.FindAsync(() => _aws.Iam.GetUserAsync(name, cancellationToken)).ConfigureAwait(false))?.Arn,
            IdentityKind.Group => (await IamLookup.FindAsync(() => _aws.Iam.GetGroupAsync(name, cancellationToken)).ConfigureAwait(false))?.Arn,
            _ => (await IamLookup.FindAsync(() => _aws.Iam.GetRoleAsync(name, cancellationToken)).ConfigureAwait(false))?.Arn,
        };
        return arn ?? throw new IamOpsException("TargetNotFound", FailureKind.ObjectNotFound,
            $"{principal.Kind} '{name}' does not exist in account {_account.AccountId}; {hint}", name);
    }

    public async Task<string?> InlineDocumentAsync(PrincipalTarget principal, string policyName, CancellationToken cancellationToken) =>
        (await IamLookup.FindAsync(() => _aws.Iam.GetInlinePolicyAsync(principal.Kind, principal.Name, policyName, cancellationToken)).ConfigureAwait(false))?.PolicyDocument;

    /// <summary>The managed policy and its default version's document, or nulls when it does not exist.</summary>
    public async Task<(ManagedPolicy? Policy, string? Document)> ManagedAsync(string policyArn, CancellationToken cancellationToken)
    {
        var policy = await IamLookup.FindAsync(() => _aws.Iam.GetPolicyAsync(policyArn, cancellationToken)).ConfigureAwait(false);
        if (policy is null)
        {
            return (null, null);
        }

        var version = await _aws.Iam.GetPolicyVersionAsync(policyArn, policy.DefaultVersionId, cancellationToken).ConfigureAwait(false);
        return (policy, version.Document);
    }

    public async Task<bool> IsAttachedAsync(PrincipalTarget principal, string policyArn, CancellationToken cancellationToken)
    {
        await foreach (var attached in _aws.Iam.ListAttachedPoliciesAsync(principal.Kind, principal.Name, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(attached.PolicyArn, policyArn, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

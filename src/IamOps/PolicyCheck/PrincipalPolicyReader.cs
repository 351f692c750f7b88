using IamOps.Aws;

namespace IamOps.PolicyCheck;

/// <summary>
/// Principal mode: reads a user's (with its groups'), a group's or a role's managed and inline policies and
/// permissions boundary through the IAM port. Managed documents are read once per reader, however many principals share them.
/// </summary>
public sealed class PrincipalPolicyReader
{
    private readonly IIam _iam;
    private readonly Dictionary<string, SourcedPolicy> _managed = new(StringComparer.Ordinal);

    public PrincipalPolicyReader(IIam iam) => _iam = iam;

    public async Task<PrincipalPolicies> ReadAsync(IdentityKind kind, string name, CancellationToken cancellationToken)
    {
        var policies = new List<SourcedPolicy>();
        switch (kind)
        {
            case IdentityKind.User:
                var user = await _iam.GetUserAsync(name, cancellationToken).ConfigureAwait(false);
                policies.AddRange(await ReadAttachedAsync(IdentityKind.User, user.UserName, cancellationToken).ConfigureAwait(false));
                foreach (var group in await IamLookup.ToListAsync(_iam.ListGroupsForUserAsync(user.UserName, cancellationToken), cancellationToken).ConfigureAwait(false))
                {
                    policies.AddRange(await ReadAttachedAsync(IdentityKind.Group, group.GroupName, cancellationToken).ConfigureAwait(false));
                }

                return new PrincipalPolicies(user.Arn, policies, await ReadBoundaryAsync(user.PermissionsBoundaryArn, cancellationToken).ConfigureAwait(false));
            case IdentityKind.Role:
                var role = await _iam.GetRoleAsync(name, cancellationToken).ConfigureAwait(false);
                policies.AddRange(await ReadAttachedAsync(IdentityKind.Role, role.RoleName, cancellationToken).ConfigureAwait(false));
                return new PrincipalPolicies(role.Arn, policies, await ReadBoundaryAsync(role.PermissionsBoundaryArn, cancellationToken).ConfigureAwait(false));
            default:
                var found = await _iam.GetGroupAsync(name, cancellationToken).ConfigureAwait(false);
                policies.AddRange(await ReadAttachedAsync(IdentityKind.Group, found.GroupName, cancellationToken).ConfigureAwait(false));
                return new PrincipalPolicies(found.Arn, policies, null);
        }
    }

    /// <summary>
    /// The trust policy of every role resource in the principal's account, which must allow sts:AssumeRole and its kin;
    /// a role that does not exist (or another account's) is left out, so the decision says no trust policy was given.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SourcedPolicy>> ReadTrustPoliciesAsync(IEnumerable<string> resources, string principalArn, CancellationToken cancellationToken)
    {
        var trusts = new Dictionary<string, SourcedPolicy>(StringComparer.Ordinal);
        var account = ResourceNames.AccountOf(principalArn);
        foreach (var resource in resources.Where(ResourceNames.IsRole).Distinct(StringComparer.Ordinal))
        {
            if (ResourceNames.AccountOf(resource) != account)
            {
                continue;
            }

            var roleName = resource.Substring(resource.LastIndexOf('/') + 1);
            try
            {
                var role = await _iam.GetRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
                if (role.Arn == resource)
                {
                    trusts[resource] = SourcedPolicy.FromJson($"trust:{role.RoleName}", role.AssumeRolePolicyDocument);
                }
            }
            catch (IamOpsException missing) when (missing.ErrorId == "AwsNoSuchEntity")
            {
            }
        }

        return trusts;
    }

    /// <summary>Only the principal's ARN, for IAM's simulator, which reads the policies itself.</summary>
    public async Task<string> ReadArnAsync(IdentityKind kind, string name, CancellationToken cancellationToken) => kind switch
    {
        IdentityKind.User => (await _iam.GetUserAsync(name, cancellationToken).ConfigureAwait(false)).Arn,
        IdentityKind.Role => (await _iam.GetRoleAsync(name, cancellationToken).ConfigureAwait(false)).Arn,
        _ => (await _iam.GetGroupAsync(name, cancellationToken).ConfigureAwait(false)).Arn,
    };

    private async Task<List<SourcedPolicy>> ReadAttachedAsync(IdentityKind kind, string identityName, CancellationToken cancellationToken)
    {
        var policies = new List<SourcedPolicy>();
        foreach (var attached in await IamLookup.ToListAsync(_iam.ListAttachedPoliciesAsync(kind, identityName, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            policies.Add(await ReadManagedAsync(attached.PolicyArn, cancellationToken).ConfigureAwait(false));
        }

        foreach (var policyName in await IamLookup.ToListAsync(_iam.ListInlinePolicyNamesAsync(kind, identityName, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            var inline = await _iam.GetInlinePolicyAsync(kind, identityName, policyName, cancellationToken).ConfigureAwait(false);
            policies.Add(SourcedPolicy.FromJson($"inline:{kind.ToString().ToLowerInvariant()}/{identityName}/{policyName}", inline.PolicyDocument));
        }

        return policies;
    }

    private async Task<SourcedPolicy?> ReadBoundaryAsync(string? boundaryArn, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(boundaryArn) ? null : await ReadManagedAsync(boundaryArn!, cancellationToken).ConfigureAwait(false);

    private async Task<SourcedPolicy> ReadManagedAsync(string policyArn, CancellationToken cancellationToken)
    {
        if (_managed.TryGetValue(policyArn, out var known))
        {
            return known;
        }

        var policy = await _iam.GetPolicyAsync(policyArn, cancellationToken).ConfigureAwait(false);
        var version = await _iam.GetPolicyVersionAsync(policyArn, policy.DefaultVersionId, cancellationToken).ConfigureAwait(false);
        var read = SourcedPolicy.FromJson(policyArn, version.Document ?? string.Empty);
        _managed[policyArn] = read;
        return read;
    }
}

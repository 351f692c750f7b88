using System.Text.RegularExpressions;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Policies;
using IamOps.Principals;
using IamOps.Roles;

namespace IamOps.RoleGrant;

/// <summary>
/// Plans one Grant-IamRoleAssume from live state: the role and its trust (through <see cref="RoleTrustPlanner"/>, the
/// path Grant-IamBucketAccess -TrustService uses too), the role's managed policies, the grantee's permission to assume
/// it, and the instances that should run with its instance profile. Every read happens before the first write.
/// </summary>
public sealed class RoleGrantPlanner
{
    /// <summary>IAM's hard limit of managed policies per role (the default quota is 10).</summary>
    public const int MaxPolicyArns = 20;

    private static readonly Regex AccountIdPattern = new(@"^\d{12}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex ExternalIdPattern = new("^[A-Za-z0-9_+=,.@:/-]{2,1224}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex PolicyArnPattern = new("^arn:(?<partition>aws(-[a-z]+)*):iam::(aws|[0-9]{12}):policy/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,128}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex InstanceIdPattern = new("^i-[0-9a-f]{8,17}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private readonly IAwsConnection _aws;
    private readonly AccountContext _account;
    private readonly PrincipalLookup _reader;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;

    /// <param name="wait">How appliers wait out IAM's propagation to EC2; Task.Delay unless a test moves a simulated clock.</param>
    public RoleGrantPlanner(IAwsConnection aws, AccountContext account, Func<TimeSpan, CancellationToken, Task>? wait = null)
    {
        _aws = aws;
        _account = account;
        _reader = new PrincipalLookup(aws, account);
        _wait = wait ?? PropagationRetry.Sleep;
    }

    /// <summary>Offline checks of a request: names, ids, ARNs, ranges and combinations. Throws before anything is read or written.</summary>
    public static void Validate(RoleGrantRequest request)
    {
        IamNames.CheckRoleName(request.RoleName);
        if (request.Grantees.Count == 0)
        {
            throw Invalid("GranteeMissing", "Name whom the role is for: -UserName, -GroupName, -AccountId or -Service.", request.RoleName);
        }

        switch (request.GranteeKind)
        {
            case RoleGranteeKind.User or RoleGranteeKind.Group when request.Grantees.Count != 1:
                throw Invalid("GranteeInvalid", "Give one user or group per grant; pipe several names to grant each.", request.RoleName);
            case RoleGranteeKind.User:
                IamNames.CheckUserName(request.Grantees[0]);
                break;
            case RoleGranteeKind.Group:
                IamNames.CheckGroupName(request.Grantees[0]);
                break;
            case RoleGranteeKind.Account:
                foreach (var id in request.Grantees.Where(id => !AccountIdPattern.IsMatch(id)))
                {
                    throw Invalid("AccountIdInvalid", $"-AccountId '{id}' is not a 12-digit AWS account id.", id);
                }

                break;
        }

        if (request.GranteeKind is RoleGranteeKind.WebIdentity or RoleGranteeKind.Saml)
        {
            if (request.Federation is null)
            {
                throw Invalid("GranteeMissing", "Name the identity provider: -GitHubRepository, -GitLabProject, -AzureDevOpsServiceConnection, -OidcProvider or -SamlProvider.", request.RoleName);
            }

            if (request.RequireMfa || request.ExternalId is not null)
            {
                throw Invalid("ConditionWithFederation", "-RequireMfa and -ExternalId apply to users, groups and accounts; a federated trust is conditioned on the token's audience and subject.", request.RoleName);
            }
        }

        if (request.GranteeKind == RoleGranteeKind.Service && (request.RequireMfa || request.ExternalId is not null))
        {
            throw Invalid("ConditionWithService", "-RequireMfa and -ExternalId apply to users, groups and accounts; an AWS service assumes a role without MFA or an external id.", request.RoleName);
        }

        if (request.ExternalId is not null && !ExternalIdPattern.IsMatch(request.ExternalId))
        {
            throw Invalid("ExternalIdInvalid", "-ExternalId must be 2 to 1224 characters: letters, digits and +=,.@:/-.", null);
        }

        if (request.PolicyArns.Count > MaxPolicyArns)
        {
            throw Invalid("PolicyArnLimitExceeded", $"{request.PolicyArns.Count} policies were given; a role can have at most {MaxPolicyArns} managed policies attached.", request.RoleName);
        }

        foreach (var arn in request.PolicyArns.Where(a => !PolicyArnPattern.IsMatch(a)))
        {
            throw Invalid("PolicyArnInvalid", $"-PolicyArn '{arn}' is not a managed policy ARN (arn:aws:iam::aws:policy/NAME or arn:aws:iam::123456789012:policy/NAME).", arn);
        }

        foreach (var id in request.InstanceIds.Where(id => !InstanceIdPattern.IsMatch(id)))
        {
            throw Invalid("InstanceIdInvalid", $"-InstanceId '{id}' is not an EC2 instance id (i- followed by 8 to 17 lowercase hex digits, e.g. i-0123456789abcdef0).", id);
        }

        // Only the size check needs an account id here; every id has 12 digits.
        var trust = Trust(request, "aws", "000000000000");
        if (request.InstanceIds.Count > 0 && !trust.Principals.Any(p => p.IsEc2Service))
        {
            throw Invalid("InstanceIdWithoutEc2", "-InstanceId gives instances the role through its instance profile; add ec2.amazonaws.com to -Service.", request.RoleName);
        }

        RoleTrustPlanner.Validate(trust);
    }

    public async Task<RoleGrantPlan> PlanAsync(RoleGrantRequest request, CancellationToken cancellationToken)
    {
        foreach (var arn in request.PolicyArns.Where(a => PolicyArnPattern.Match(a).Groups["partition"].Value != _account.Partition))
        {
            throw new IamOpsException("PolicyArnPartitionMismatch", FailureKind.InvalidArgument,
                $"-PolicyArn '{arn}' is in another partition than account {_account.AccountId} ({_account.Partition}).", arn);
        }

        var warnings = new List<string>();
        var identity = request.GranteeKind switch
        {
            RoleGranteeKind.User => new PrincipalTarget(IdentityKind.User, request.Grantees[0]),
            RoleGranteeKind.Group => new PrincipalTarget(IdentityKind.Group, request.Grantees[0]),
            _ => null,
        };
        if (identity is not null)
        {
            var hint = identity.Kind == IdentityKind.User ? $"create it first (e.g. Add-IamDeveloper -UserName {identity.Name}) or check the name." : "create it first or check the name.";
            await _reader.PrincipalArnAsync(identity, hint, cancellationToken).ConfigureAwait(false);
        }

        if (request.GranteeKind == RoleGranteeKind.Account && request.Grantees.Contains(_account.AccountId))
        {
            warnings.Add($"Account {_account.AccountId} is this account: trusting it lets every user and role whose own policies allow sts:AssumeRole on the role assume it. To grant one user or group, use -UserName or -GroupName.");
        }

        var providerChanges = request.Federation is { } federation
            ? await FederatedTrustPlanning.ProviderChangesAsync(_aws, _account, federation, request.CreateProvider, cancellationToken).ConfigureAwait(false)
            : Array.Empty<PlannedChange>();
        await CheckPoliciesExistAsync(request.PolicyArns, cancellationToken).ConfigureAwait(false);
        var associations = await AssociationsAsync(request.InstanceIds, cancellationToken).ConfigureAwait(false);

        var trust = Trust(request, _account.Partition, _account.AccountId);
        var role = await new RoleTrustPlanner(_aws, _account).PlanAsync(trust, cancellationToken).ConfigureAwait(false);
        var changes = new List<PlannedChange>(providerChanges);
        changes.AddRange(role.Changes);
        warnings.AddRange(role.Warnings);
        if (request.Federation is not null)
        {
            warnings.AddRange(FederatedTrustPlanning.LintWarnings(role.TrustPolicyDocument, role.RoleName));
        }

        changes.AddRange(await AttachChangesAsync(role, request.PolicyArns, cancellationToken).ConfigureAwait(false));

        string? permissionName = null;
        string? permissionDocument = null;
        if (identity is not null)
        {
            permissionName = AssumeRolePermission.PolicyName(role.RoleName);
            permissionDocument = AssumeRolePermission.Document(role.RoleArn);
            var change = await PermissionChangeAsync(identity, permissionName, permissionDocument, role.RoleName, cancellationToken).ConfigureAwait(false);
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        changes.AddRange(AssociationChanges(role, associations));
        return new RoleGrantPlan(request, role, trust.Principals.Select(p => p.Value).ToList(), permissionName, permissionDocument, changes, warnings) { Trust = trust };
    }

    /// <summary>
    /// The trust this grant needs. A user or group is trusted through its account's root, because a group cannot be a
    /// principal and a user ARN in a trust policy must already be visible to IAM (a just-created user fails with
    /// "Invalid principal"); the identity policy then decides which users may assume the role.
    /// </summary>
    internal static RoleTrustRequest Trust(RoleGrantRequest request, string partition, string accountId)
    {
        var conditions = new List<TrustCondition>();
        if (request.RequireMfa)
        {
            conditions.Add(TrustCondition.RequireMfa());
        }

        if (request.ExternalId is not null)
        {
            conditions.Add(TrustCondition.ExternalId(request.ExternalId));
        }

        if (request.Federation is { } federated)
        {
            return new RoleTrustRequest
            {
                RoleName = request.RoleName,
                Principals = new[] { TrustPrincipal.Federated(federated.ProviderArn(partition, accountId)) },
                Conditions = federated.Conditions(),
                Actions = new[] { federated.Action },
                MaxSessionDuration = request.MaxSessionDuration,
                Description = "IamOps: assumed by " + federated.Description,
            };
        }

        var principals = request.GranteeKind switch
        {
            RoleGranteeKind.Service => request.Grantees.Select(TrustPrincipal.Service).Distinct().ToList(),
            RoleGranteeKind.Account => request.Grantees.Select(id => TrustPrincipal.Aws(id, partition)).Distinct().ToList(),
            _ => new List<TrustPrincipal> { TrustPrincipal.Aws(accountId, partition) },
        };
        var grantee = request.GranteeKind.ToString().ToLowerInvariant();
        return new RoleTrustRequest
        {
            RoleName = request.RoleName,
            Principals = principals,
            Conditions = conditions,
            MaxSessionDuration = request.MaxSessionDuration,
            Description = $"IamOps: assumed by {grantee}{(request.Grantees.Count > 1 ? "s" : string.Empty)} {string.Join(", ", request.Grantees)}",
        };
    }

    private async Task CheckPoliciesExistAsync(IReadOnlyList<string> policyArns, CancellationToken cancellationToken)
    {
        foreach (var arn in policyArns)
        {
            if (await IamLookup.FindAsync(() => _aws.Iam.GetPolicyAsync(arn, cancellationToken)).ConfigureAwait(false) is null)
            {
                throw new IamOpsException("PolicyNotFound", FailureKind.ObjectNotFound,
                    $"Managed policy '{arn}' does not exist in account {_account.AccountId}; check the name (AWS managed policies are arn:{_account.Partition}:iam::aws:policy/NAME).", arn);
            }
        }
    }

    private async Task<List<(string InstanceId, InstanceProfileAssociation? Current)>> AssociationsAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var found = new List<(string, InstanceProfileAssociation?)>();
        foreach (var id in instanceIds)
        {
            try
            {
                found.Add((id, await _aws.Ec2.GetInstanceProfileAssociationAsync(id, cancellationToken).ConfigureAwait(false)));
            }
            catch (IamOpsException missing) when (missing.Kind == FailureKind.ObjectNotFound)
            {
                throw new IamOpsException("InstanceNotFound", FailureKind.ObjectNotFound,
                    $"Instance '{id}' does not exist in this account and region; check the id, or pass the instance's -Region.", id, missing);
            }
        }

        return found;
    }

    private async Task<IEnumerable<PlannedChange>> AttachChangesAsync(RoleTrustPlan role, IReadOnlyList<string> policyArns, CancellationToken cancellationToken)
    {
        var attached = role.RoleExists
            ? (await IamLookup.ToListAsync(_aws.Iam.ListAttachedPoliciesAsync(IdentityKind.Role, role.RoleName, cancellationToken), cancellationToken).ConfigureAwait(false)).Select(p => p.PolicyArn).ToList()
            : new List<string>();
        return policyArns
            .Where(arn => !attached.Contains(arn, StringComparer.Ordinal))
            .Select(arn => new PlannedChange(ChangeKind.Attach, "role " + role.RoleName, $"Attach managed policy {arn} to", "it is not attached",
                ct => _aws.Iam.AttachPolicyAsync(IdentityKind.Role, role.RoleName, arn, ct)))
            .ToList();
    }

    private async Task<PlannedChange?> PermissionChangeAsync(PrincipalTarget identity, string policyName, string document, string roleName, CancellationToken cancellationToken)
    {
        var existing = await _reader.InlineDocumentAsync(identity, policyName, cancellationToken).ConfigureAwait(false);
        if (PolicyText.SameDocument(existing, document))
        {
            return null;
        }

        await CheckInlineSizeAsync(identity, policyName, document, cancellationToken).ConfigureAwait(false);
        return new PlannedChange(existing is null ? ChangeKind.Create : ChangeKind.Update, identity.ToString(),
            $"{(existing is null ? "Add" : "Update")} inline policy {policyName} (sts:AssumeRole on role {roleName}) on",
            existing is null ? "the trust names the account, so the " + identity.Kind.ToString().ToLowerInvariant() + " needs its own permission" : "it allows something else",
            ct => _aws.Iam.PutInlinePolicyAsync(identity.Kind, identity.Name, policyName, document, ct));
    }

    /// <summary>IAM counts all inline policies of a user or group together; failing here says so instead of IAM's LimitExceeded.</summary>
    private async Task CheckInlineSizeAsync(PrincipalTarget identity, string policyName, string document, CancellationToken cancellationToken)
    {
        var total = PolicySize.Count(document);
        foreach (var other in await IamLookup.ToListAsync(_aws.Iam.ListInlinePolicyNamesAsync(identity.Kind, identity.Name, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(other, policyName, StringComparison.Ordinal) && await _reader.InlineDocumentAsync(identity, other, cancellationToken).ConfigureAwait(false) is { } text)
            {
                total += PolicySize.Count(text);
            }
        }

        var limit = PolicySize.InlineLimit(identity.Kind);
        if (total > limit)
        {
            throw new IamOpsException("InlinePolicySizeExceeded", FailureKind.LimitsExceeded,
                $"The inline policies of {identity} would total {total} characters (whitespace not counted), over IAM's limit of {limit}. Grant the role to a group the {identity.Kind.ToString().ToLowerInvariant()} belongs to, or move other inline policies into managed policies.",
                identity.Name);
        }
    }

    private IEnumerable<PlannedChange> AssociationChanges(RoleTrustPlan role, List<(string InstanceId, InstanceProfileAssociation? Current)> associations)
    {
        var profile = role.InstanceProfileName!;
        foreach (var (instanceId, current) in associations)
        {
            if (current is null)
            {
                // A profile created moments ago is not yet known to EC2, which calls its name invalid until it is.
                yield return new PlannedChange(ChangeKind.Attach, "instance " + instanceId, $"Associate instance profile {profile} with", "it has no instance profile",
                    ct => role.CreatesInstanceProfile
                        ? PropagationRetry.RunAsync(() => _aws.Ec2.AssociateInstanceProfileAsync(instanceId, profile, ct), IsProfileNotYetVisible, _wait, ct)
                        : _aws.Ec2.AssociateInstanceProfileAsync(instanceId, profile, ct));
            }
            else if (!string.Equals(current.InstanceProfileName, profile, StringComparison.OrdinalIgnoreCase))
            {
                var associationId = current.AssociationId;
                yield return new PlannedChange(ChangeKind.Update, "instance " + instanceId, $"Replace instance profile {current.InstanceProfileName} with {profile} on",
                    $"it runs with {current.InstanceProfileName}, whose role loses its credentials on the instance",
                    ct => role.CreatesInstanceProfile
                        ? PropagationRetry.RunAsync(() => _aws.Ec2.ReplaceInstanceProfileAssociationAsync(associationId, profile, ct), IsProfileNotYetVisible, _wait, ct)
                        : _aws.Ec2.ReplaceInstanceProfileAssociationAsync(associationId, profile, ct),
                    ChangeImpact.High);
            }
        }
    }

    private static bool IsProfileNotYetVisible(IamOpsException failure) =>
        failure.AwsErrorCode == "InvalidParameterValue" && failure.Message.IndexOf("nstance Profile", StringComparison.OrdinalIgnoreCase) >= 0;

    private static IamOpsException Invalid(string errorId, string message, object? target) => new(errorId, FailureKind.InvalidArgument, message, target);
}

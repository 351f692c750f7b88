using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Policies;

namespace IamOps.Roles;

/// <summary>
/// The one code path that makes a role exist and trust principals (services, accounts, users, roles): creates a
/// missing role, merges missing principals into an existing trust policy, and keeps an instance profile for EC2 roles.
/// </summary>
public sealed class RoleTrustPlanner
{
    public const int MinSessionDuration = 3600;
    public const int MaxSessionDurationLimit = 43200;
    private const string ServiceLinkedPath = "/aws-service-role/";
    private readonly IAwsConnection _aws;
    private readonly AccountContext _account;

    public RoleTrustPlanner(IAwsConnection aws, AccountContext account)
    {
        _aws = aws;
        _account = account;
    }

    /// <summary>Offline checks: the role name, path and principals; throws before anything is read or written.</summary>
    public static void Validate(RoleTrustRequest request)
    {
        IamNames.CheckRoleName(request.RoleName);
        if (request.Path is not null)
        {
            IamNames.CheckPath(request.Path);
        }

        if (request.Principals.Count == 0)
        {
            throw new IamOpsException("TrustPrincipalMissing", FailureKind.InvalidArgument,
                $"Role '{request.RoleName}' needs at least one principal to trust, e.g. -TrustService ec2.amazonaws.com.", request.RoleName);
        }

        if (request.MaxSessionDuration is { } duration && (duration < MinSessionDuration || duration > MaxSessionDurationLimit))
        {
            throw new IamOpsException("MaxSessionDurationInvalid", FailureKind.InvalidArgument,
                $"-MaxSessionDuration {duration} is outside IAM's range of {MinSessionDuration} (1 hour) to {MaxSessionDurationLimit} (12 hours) seconds.", duration.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        CheckTrustSize(request.RoleName, TrustPolicy.Create(request));
    }

    public async Task<RoleTrustPlan> PlanAsync(RoleTrustRequest request, CancellationToken cancellationToken)
    {
        var name = request.RoleName;
        var target = "role " + name;
        var role = await IamLookup.FindAsync(() => _aws.Iam.GetRoleAsync(name, cancellationToken)).ConfigureAwait(false);
        var changes = new List<PlannedChange>();
        string arn;
        string trust;
        IReadOnlyList<TrustPrincipal> added;
        var warnings = new List<string>();
        var maxSession = request.MaxSessionDuration ?? role?.MaxSessionDuration ?? MinSessionDuration;
        if (role is null)
        {
            if (!request.CreateIfMissing)
            {
                throw new IamOpsException("RoleNotFound", FailureKind.ObjectNotFound, $"Role '{name}' does not exist; create it first or let IamOps create it by naming whom it trusts.", name);
            }

            trust = TrustPolicy.Create(request);
            arn = _account.RoleArn(name, request.Path ?? "/");
            added = request.Principals;
            var create = new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = trust, Path = request.Path, Description = request.Description, MaxSessionDuration = request.MaxSessionDuration };
            changes.Add(new PlannedChange(ChangeKind.Create, target, $"Create role trusting {string.Join(", ", added)}:", "it does not exist",
                ct => IamLookup.CreateOrKeepAsync(() => _aws.Iam.CreateRoleAsync(create, ct))));
        }
        else
        {
            if (role.Path.StartsWith(ServiceLinkedPath, StringComparison.Ordinal))
            {
                throw new IamOpsException("RoleServiceLinked", FailureKind.InvalidOperation,
                    $"Role '{name}' is a service-linked role; its trust policy belongs to the AWS service. Use a role of your own.", name);
            }

            var merge = TrustPolicy.Merge(role.AssumeRolePolicyDocument, request);
            trust = merge.Document;
            arn = role.Arn;
            added = merge.Added;
            if (added.Count > 0)
            {
                CheckTrustSize(name, trust);
                changes.Add(new PlannedChange(ChangeKind.Update, target, $"Add {string.Join(", ", added)} to the trust policy of", "the trust policy does not name " + (added.Count == 1 ? "it" : "them"),
                    ct => _aws.Iam.UpdateAssumeRolePolicyAsync(name, trust, ct)));
            }

            foreach (var looser in TrustPolicy.Looser(role.AssumeRolePolicyDocument, request))
            {
                warnings.Add($"The trust policy of role '{name}' already lets {looser} assume it without {string.Join(" and ", request.Conditions.Select(c => c.Key))}; the conditions asked for take effect only once that statement is removed (IamOps never loosens or removes what it did not write).");
            }

            if (request.MaxSessionDuration is { } wanted && wanted != role.MaxSessionDuration)
            {
                changes.Add(new PlannedChange(ChangeKind.Update, target, $"Set maximum session duration to {wanted} s on", $"it is {role.MaxSessionDuration} s",
                    ct => _aws.Iam.UpdateRoleAsync(name, null, wanted, ct)));
            }
        }

        string? profileName = null;
        var createsProfile = false;
        if (request.WantsInstanceProfile)
        {
            profileName = name;
            var profileChanges = (await InstanceProfileChangesAsync(name, request.Path ?? role?.Path, cancellationToken).ConfigureAwait(false)).ToList();
            createsProfile = profileChanges.Any(c => c.Kind == ChangeKind.Create);
            changes.AddRange(profileChanges);
        }

        return new RoleTrustPlan(name, arn, role is not null, trust, added, profileName, createsProfile, maxSession, changes, warnings);
    }

    private async Task<IEnumerable<PlannedChange>> InstanceProfileChangesAsync(string roleName, string? path, CancellationToken cancellationToken)
    {
        var target = "instance profile " + roleName;
        var profile = await IamLookup.FindAsync(() => _aws.Iam.GetInstanceProfileAsync(roleName, cancellationToken)).ConfigureAwait(false);
        var addRole = new PlannedChange(ChangeKind.Add, target, $"Add role {roleName} to", "EC2 instances receive a role through an instance profile",
            ct => _aws.Iam.AddRoleToInstanceProfileAsync(roleName, roleName, ct));
        if (profile is null)
        {
            return new[]
            {
                new PlannedChange(ChangeKind.Create, target, "Create", "it does not exist",
                    ct => IamLookup.CreateOrKeepAsync(() => _aws.Iam.CreateInstanceProfileAsync(roleName, path, Array.Empty<IamTag>(), ct))),
                addRole,
            };
        }

        if (profile.Roles.Count == 0)
        {
            return new[] { addRole };
        }

        if (profile.Roles.Any(r => string.Equals(r.RoleName, roleName, StringComparison.OrdinalIgnoreCase)))
        {
            return Array.Empty<PlannedChange>();
        }

        throw new IamOpsException("InstanceProfileInUse", FailureKind.ResourceExists,
            $"Instance profile '{roleName}' already holds role '{profile.Roles[0].RoleName}' (a profile holds one role). Remove that role from it, or use a role name without a profile of the same name.", roleName);
    }

    private static void CheckTrustSize(string roleName, string trust)
    {
        var size = PolicySize.Count(trust);
        if (size > PolicySize.TrustPolicyLimit)
        {
            throw new IamOpsException("TrustPolicySizeExceeded", FailureKind.LimitsExceeded,
                $"The trust policy of role '{roleName}' would be {size} characters, over IAM's default quota of {PolicySize.TrustPolicyLimit}. Trust fewer principals, or ask AWS to raise the role trust policy length quota (up to 4096).", roleName);
        }
    }
}

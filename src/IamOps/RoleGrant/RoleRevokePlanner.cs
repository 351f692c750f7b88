using System.Globalization;
using System.Text.Json.Nodes;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Policies;
using IamOps.Principals;
using IamOps.Roles;

namespace IamOps.RoleGrant;

/// <summary>
/// Plans one Revoke-IamRoleAssume, the inverse of <see cref="RoleGrantPlanner"/>: takes exactly the grantee's principal
/// out of the trust policy (other statements and principals untouched), deletes the IamOps-AssumeRole-ROLE permission
/// it gave a user or group, optionally denies sessions issued before now, and with -DeleteRole deletes the role, its
/// instance profile and its policies once nothing trusts it. Every read happens before the first write; what is
/// already gone counts as done.
/// </summary>
public sealed class RoleRevokePlanner
{
    /// <summary>The inline policy the IAM console's "Revoke active sessions" puts on the role.</summary>
    public const string RevokeSessionsPolicyName = "AWSRevokeOlderSessions";

    private static readonly string[] AssumeActions = { "sts:AssumeRole" };
    private readonly IAwsConnection _aws;
    private readonly AccountContext _account;
    private readonly Func<DateTime> _utcNow;

    /// <param name="utcNow">The clock -RevokeSessions reads; the system clock unless a test fixes it.</param>
    public RoleRevokePlanner(IAwsConnection aws, AccountContext account, Func<DateTime>? utcNow = null)
    {
        _aws = aws;
        _account = account;
        _utcNow = utcNow ?? (() => DateTime.UtcNow);
    }

    /// <summary>Offline checks, as Grant-IamRoleAssume's; throws before anything is read or written.</summary>
    public static void Validate(RoleRevokeRequest request)
    {
        IamNames.CheckRoleName(request.RoleName);
        if (request.Grantees.Count == 0)
        {
            if (!request.RevokeSessions && !request.DeleteRole)
            {
                throw new IamOpsException("GranteeMissing", FailureKind.InvalidArgument,
                    "Name whom to revoke: -UserName, -GroupName, -AccountId or -Service; or use -RevokeSessions alone to end the role's live sessions.", request.RoleName);
            }

            return;
        }

        // The grant's own checks: names, account ids and service principals in the same form.
        RoleGrantPlanner.Validate(new RoleGrantRequest { RoleName = request.RoleName, GranteeKind = request.GranteeKind, Grantees = request.Grantees });
    }

    /// <summary>The policy that denies every session of a role issued before <paramref name="before"/>, as the console writes it.</summary>
    public static string RevokeSessionsDocument(DateTime before)
    {
        var document = PolicyJson.NewDocument();
        PolicyJson.Statements(document).Add(new JsonObject
        {
            ["Effect"] = "Deny",
            ["Action"] = new JsonArray("*"),
            ["Resource"] = new JsonArray("*"),
            ["Condition"] = new JsonObject
            {
                ["DateLessThan"] = new JsonObject { ["aws:TokenIssueTime"] = before.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) },
            },
        });
        return PolicyJson.Write(document);
    }

    public async Task<RoleRevokePlan> PlanAsync(RoleRevokeRequest request, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var iam = _aws.Iam;
        var name = request.RoleName;
        var target = "role " + name;
        var changes = new List<PlannedChange>();
        var warnings = new List<string>();
        var identity = request.Grantees.Count == 0 ? null : request.GranteeKind switch
        {
            RoleGranteeKind.User => new PrincipalTarget(IdentityKind.User, request.Grantees[0]),
            RoleGranteeKind.Group => new PrincipalTarget(IdentityKind.Group, request.Grantees[0]),
            _ => null,
        };

        // The grantee's permission first: once it is gone, the user or group can no longer assume the role.
        var permissionName = AssumeRolePermission.PolicyName(name);
        if (identity is not null && await HoldsPermissionAsync(identity, permissionName, ct).ConfigureAwait(false))
        {
            changes.Add(new PlannedChange(ChangeKind.Delete, identity.ToString(), $"Delete inline policy {permissionName} (sts:AssumeRole on role {name}) of", "Grant-IamRoleAssume added it",
                token => UnlessGoneAsync(t => iam.DeleteInlinePolicyAsync(identity.Kind, identity.Name, permissionName, t), token), ChangeImpact.High));
        }

        var role = await IamLookup.FindAsync(() => iam.GetRoleAsync(name, ct)).ConfigureAwait(false);
        if (role is null)
        {
            return new RoleRevokePlan(request, null, Array.Empty<string>(), null, false, null, changes, new[] { $"Role '{name}' does not exist; there is no trust or session to revoke." });
        }

        name = role.RoleName;
        var principals = await PrincipalsToRemoveAsync(request, identity, permissionName, warnings, ct).ConfigureAwait(false);
        var removal = TrustPolicy.Remove(role.AssumeRolePolicyDocument, name, principals, AssumeActions);
        var trustsNobody = removal.RemainingStatements == 0;
        var deletesRole = request.DeleteRole && (trustsNobody || !TrustsAnyone(role.AssumeRolePolicyDocument, name));
        string? trust = role.AssumeRolePolicyDocument;
        if (request.Grantees.Count == 0 && !deletesRole)
        {
            // Alone, -DeleteRole deletes or leaves the role as it is; it never edits the trust policy.
            removal = removal with { Document = role.AssumeRolePolicyDocument, Removed = Array.Empty<TrustPrincipal>() };
        }

        if (request.DeleteRole && !deletesRole)
        {
            warnings.Add(request.Grantees.Count == 0
                ? $"Role '{name}' is not deleted: it still trusts others. Revoke them first (-UserName, -GroupName, -AccountId or -Service with -DeleteRole). Its trust policy: {Summary(removal.Document)}"
                : $"Role '{name}' still trusts others after this revoke, so it is not deleted: {Summary(removal.Document)}");
        }

        if (removal.Removed.Count > 0 && !deletesRole && trustsNobody && identity is not null)
        {
            // The permission just deleted was what let the user or group in; the account principal alone lets nobody in.
            warnings.Add($"Role '{name}' keeps trusting account {_account.AccountId}, its only principal (IAM needs one), but no user or group holds {permissionName} any more. Add -DeleteRole to delete the role.");
            removal = removal with { Document = role.AssumeRolePolicyDocument, Removed = Array.Empty<TrustPrincipal>() };
        }

        if (removal.Removed.Count > 0 && !deletesRole)
        {
            if (trustsNobody)
            {
                throw new IamOpsException("RoleTrustWouldBeEmpty", FailureKind.InvalidOperation,
                    $"Removing {string.Join(", ", removal.Removed)} would leave role '{name}' trusting nobody, and IAM needs at least one trust statement. Add -DeleteRole to delete the role, or grant someone else first.", name);
            }

            trust = removal.Document;
            var document = removal.Document;
            changes.Add(new PlannedChange(ChangeKind.Update, target, $"Remove {string.Join(", ", removal.Removed)} from the trust policy of", "the grant trusted " + (removal.Removed.Count == 1 ? "it" : "them"),
                token => iam.UpdateAssumeRolePolicyAsync(name, document, token), ChangeImpact.High));
        }

        DateTime? revokedBefore = null;
        DateTime? revokedBeforeExisting = null;
        var lastCutoff = request.RevokeSessions && !deletesRole ? await RevokedBeforeAsync(name, ct).ConfigureAwait(false) : null;
        if (lastCutoff is { } cutoff && (role.LastUsedDate is not { } used || used < cutoff))
        {
            // Nothing issued since the last revocation: a new cutoff would deny nothing more, so a re-run changes nothing.
            revokedBeforeExisting = cutoff;
        }
        else if (request.RevokeSessions && !deletesRole)
        {
            var before = _utcNow();
            revokedBefore = before;
            var document = RevokeSessionsDocument(before);
            changes.Add(new PlannedChange(ChangeKind.Update, target, $"Deny sessions issued before {before.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} UTC (inline policy {RevokeSessionsPolicyName}) on",
                "-RevokeSessions: credentials already handed out stop working at their next call",
                token => iam.PutInlinePolicyAsync(IdentityKind.Role, name, RevokeSessionsPolicyName, document, token), ChangeImpact.High));
        }

        if (deletesRole)
        {
            trust = null;
            changes.AddRange(await DeleteRoleChangesAsync(name, ct).ConfigureAwait(false));
        }

        return new RoleRevokePlan(request, role.Arn, removal.Removed.Select(p => p.Value).ToList(), trust, deletesRole, revokedBefore ?? revokedBeforeExisting, changes, warnings);
    }

    /// <summary>
    /// The trust principals of the grant. A user or group was trusted through the account, which others may still
    /// need: the account comes out only when no other user or group holds IamOps' permission for the role.
    /// </summary>
    private async Task<IReadOnlyList<TrustPrincipal>> PrincipalsToRemoveAsync(RoleRevokeRequest request, PrincipalTarget? identity, string permissionName, List<string> warnings, CancellationToken ct)
    {
        if (request.Grantees.Count == 0)
        {
            // -DeleteRole alone: IamOps' grants trust the account and let users and groups in through their permission,
            // so the role is unused once no user or group holds that permission; other principals still count.
            return request.DeleteRole
                ? await AccountUnlessHeldAsync(request.RoleName, null, permissionName, warnings, ct).ConfigureAwait(false)
                : Array.Empty<TrustPrincipal>();
        }

        if (identity is null)
        {
            return RoleGrantPlanner.Trust(new RoleGrantRequest { RoleName = request.RoleName, GranteeKind = request.GranteeKind, Grantees = request.Grantees }, _account.Partition, _account.AccountId).Principals;
        }

        return await AccountUnlessHeldAsync(request.RoleName, identity, permissionName, warnings, ct).ConfigureAwait(false);
    }

    /// <summary>The account principal, unless a user or group other than <paramref name="identity"/> still holds the permission.</summary>
    private async Task<IReadOnlyList<TrustPrincipal>> AccountUnlessHeldAsync(string roleName, PrincipalTarget? identity, string permissionName, List<string> warnings, CancellationToken ct)
    {
        var details = await _aws.Iam.GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter.User | AuthorizationDetailsFilter.Group, ct).ConfigureAwait(false);
        var others = details.Users.Where(u => u.InlinePolicies.Any(p => p.PolicyName == permissionName)).Select(u => new PrincipalTarget(IdentityKind.User, u.User.UserName))
            .Concat(details.Groups.Where(g => g.InlinePolicies.Any(p => p.PolicyName == permissionName)).Select(g => new PrincipalTarget(IdentityKind.Group, g.Group.GroupName)))
            .Where(t => identity is null || !(t.Kind == identity.Kind && string.Equals(t.Name, identity.Name, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (others.Count > 0)
        {
            warnings.Add($"Role '{roleName}' keeps trusting account {_account.AccountId}: {string.Join(", ", others)} still {(others.Count == 1 ? "holds" : "hold")} {permissionName}.");
            return Array.Empty<TrustPrincipal>();
        }

        return new[] { TrustPrincipal.Aws(_account.AccountId, _account.Partition) };
    }

    /// <summary>The cutoff of the role's existing revoke-older-sessions policy, if it has one IamOps can read.</summary>
    private async Task<DateTime?> RevokedBeforeAsync(string roleName, CancellationToken ct)
    {
        var existing = await IamLookup.FindAsync(() => _aws.Iam.GetInlinePolicyAsync(IdentityKind.Role, roleName, RevokeSessionsPolicyName, ct)).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        try
        {
            var statement = PolicyJson.Statements(PolicyJson.Parse(existing.PolicyDocument, $"{RevokeSessionsPolicyName} of role {roleName}")).OfType<JsonObject>().FirstOrDefault();
            var text = PolicyJson.Strings((statement?["Condition"] as JsonObject)?["DateLessThan"]?["aws:TokenIssueTime"]).FirstOrDefault();
            return text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var cutoff) ? cutoff : null;
        }
        catch (IamOpsException)
        {
            return null;
        }
    }

    private async Task<bool> HoldsPermissionAsync(PrincipalTarget identity, string permissionName, CancellationToken ct)
    {
        var names = await IamLookup.FindAsync(() => IamLookup.ToListAsync(_aws.Iam.ListInlinePolicyNamesAsync(identity.Kind, identity.Name, ct), ct)).ConfigureAwait(false);
        return names is not null && names.Contains(permissionName, StringComparer.Ordinal);
    }

    /// <summary>Instance profiles first (IAM refuses DeleteRole while one holds the role), then policies, then the role.</summary>
    private async Task<IEnumerable<PlannedChange>> DeleteRoleChangesAsync(string roleName, CancellationToken ct)
    {
        var iam = _aws.Iam;
        var target = "role " + roleName;
        var changes = new List<PlannedChange>();
        var profiles = await IamLookup.ToListAsync(iam.ListInstanceProfilesForRoleAsync(roleName, ct), ct).ConfigureAwait(false);
        // The profile Grant-IamRoleAssume made has the role's name; a run interrupted after emptying it left it behind.
        if (!profiles.Any(p => string.Equals(p.InstanceProfileName, roleName, StringComparison.OrdinalIgnoreCase))
            && await IamLookup.FindAsync(() => iam.GetInstanceProfileAsync(roleName, ct)).ConfigureAwait(false) is { Roles.Count: 0 } emptied)
        {
            profiles.Add(emptied);
        }

        foreach (var profile in profiles)
        {
            var profileName = profile.InstanceProfileName;
            if (profile.Roles.Count > 0)
            {
                changes.Add(new PlannedChange(ChangeKind.Remove, "instance profile " + profileName, $"Remove role {roleName} from", "IAM refuses to delete a role an instance profile holds",
                    token => UnlessGoneAsync(t => iam.RemoveRoleFromInstanceProfileAsync(profileName, roleName, t), token), ChangeImpact.High));
            }

            changes.Add(new PlannedChange(ChangeKind.Delete, "instance profile " + profileName, "Delete", "it held only this role; left behind it would be an orphan",
                token => UnlessGoneAsync(t => iam.DeleteInstanceProfileAsync(profileName, t), token), ChangeImpact.High));
        }

        foreach (var policy in await IamLookup.ToListAsync(iam.ListAttachedPoliciesAsync(IdentityKind.Role, roleName, ct), ct).ConfigureAwait(false))
        {
            changes.Add(new PlannedChange(ChangeKind.Detach, target, $"Detach managed policy {policy.PolicyArn} from", "it blocks deleting the role; the policy itself stays",
                token => UnlessGoneAsync(t => iam.DetachPolicyAsync(IdentityKind.Role, roleName, policy.PolicyArn, t), token), ChangeImpact.High));
        }

        foreach (var policy in await IamLookup.ToListAsync(iam.ListInlinePolicyNamesAsync(IdentityKind.Role, roleName, ct), ct).ConfigureAwait(false))
        {
            changes.Add(new PlannedChange(ChangeKind.Delete, target, $"Delete inline policy {policy} of", "it blocks deleting the role",
                token => UnlessGoneAsync(t => iam.DeleteInlinePolicyAsync(IdentityKind.Role, roleName, policy, t), token), ChangeImpact.High));
        }

        changes.Add(new PlannedChange(ChangeKind.Delete, target, "Delete", "-DeleteRole and nothing trusts it any more",
            token => UnlessGoneAsync(t => iam.DeleteRoleAsync(roleName, t), token), ChangeImpact.High));
        return changes;
    }

    private static bool TrustsAnyone(string document, string roleName) =>
        PolicyJson.Statements(PolicyJson.Parse(document, $"trust policy of role {roleName}")).Count > 0;

    private static string Summary(string document) => document.Replace("\r", string.Empty).Replace("\n", " ");

    private static async Task UnlessGoneAsync(Func<CancellationToken, Task> apply, CancellationToken cancellationToken)
    {
        try
        {
            await apply(cancellationToken).ConfigureAwait(false);
        }
        catch (IamOpsException gone) when (gone.Kind == FailureKind.ObjectNotFound)
        {
        }
    }
}

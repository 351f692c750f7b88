using IamOps.Aws;
using IamOps.Policy;
using IamOps.Sandbox;

namespace IamOps.Simulator;

// The account as a member (or the management account) of a sandbox organization.
public sealed partial class SimulatedAccount
{
    /// <summary>The organization this account belongs to; null for a standalone account.</summary>
    public SimulatedOrganization? Organization { get; internal set; }

    private OrganizationsService? _organizationsApi;

    /// <summary>AWS Organizations as this account calls it.</summary>
    internal OrganizationsService OrganizationsApi => _organizationsApi ??= new OrganizationsService(this);

    /// <summary>None: a single account (an organization's accounts are reached through <see cref="SimulatedOrganization"/>).</summary>
    IReadOnlyList<string> ISandbox.MemberAccountIds => Array.Empty<string>();

    /// <summary>
    /// The account of the organization a role ARN names, when it is another account of this one's organization (a
    /// cross-account AssumeRole); null for this account, a malformed ARN or an account outside the organization.
    /// </summary>
    internal SimulatedAccount? PeerOf(string? roleArn)
    {
        var parts = (roleArn ?? string.Empty).Split(new[] { ':' }, 6);
        return parts.Length == 6 && parts[4] != AccountId ? Organization?.Find(parts[4]) : null;
    }

    /// <summary>The SCPs that limit this account's principals, one list per level from the root to the account; none for the management account or a standalone account.</summary>
    internal IReadOnlyList<IReadOnlyList<CompiledPolicy>> ServiceControlLevels() =>
        Organization?.ServiceControlLevels(AccountId) ?? Array.Empty<IReadOnlyList<CompiledPolicy>>();

    /// <summary>The role AWS Organizations creates in a new member account: AdministratorAccess, trusted by the management account.</summary>
    internal void SeedOrganizationAccessRole(string managementAccountId)
    {
        lock (Gate)
        {
            Iam.CreateRole(new CreateRoleRequest
            {
                RoleName = SimulatedOrganization.AccessRoleName,
                AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + managementAccountId + ":root\"},\"Action\":\"sts:AssumeRole\"}]}",
            });
            Iam.AttachPolicy(IdentityKind.Role, SimulatedOrganization.AccessRoleName, ManagedPolicyCatalog.AdministratorAccessArn);
        }
    }
}

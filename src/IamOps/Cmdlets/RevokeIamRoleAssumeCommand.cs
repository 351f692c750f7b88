using System.Management.Automation;
using IamOps.Planning;
using IamOps.RoleGrant;

namespace IamOps.Cmdlets;

/// <summary>
/// Undoes Grant-IamRoleAssume: takes exactly the grantee out of the role's trust and deletes the permission it gave;
/// optionally ends the role's live sessions (-RevokeSessions, also on its own) and deletes the role once nothing trusts it.
/// </summary>
[Cmdlet(VerbsSecurity.Revoke, "IamRoleAssume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = SessionsSet)]
[OutputType(typeof(RoleRevokeResult))]
public sealed class RevokeIamRoleAssumeCommand : IamOpsCmdlet
{
    private const string UserSet = "User";
    private const string GroupSet = "Group";
    private const string AccountSet = "Account";
    private const string ServiceSet = "Service";
    private const string SessionsSet = "Sessions";
    private const string DeleteSet = "Delete";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Role")]
    [ValidateNotNullOrEmpty]
    [RoleNameCompletion]
    public string RoleName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
    [Alias("User")]
    [ValidateNotNullOrEmpty]
    [UserNameCompletion]
    public string UserName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = GroupSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Group")]
    [ValidateNotNullOrEmpty]
    [GroupNameCompletion]
    public string GroupName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = AccountSet)]
    [ValidateNotNullOrEmpty]
    public string[] AccountId { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ServiceSet)]
    [ValidateNotNullOrEmpty]
    public string[] Service { get; set; } = Array.Empty<string>();

    /// <summary>Delete the role, its instance profile and its policies once nothing trusts it; alone, once no grant is left.</summary>
    [Parameter(ParameterSetName = UserSet)]
    [Parameter(ParameterSetName = GroupSet)]
    [Parameter(ParameterSetName = AccountSet)]
    [Parameter(ParameterSetName = ServiceSet)]
    [Parameter(Mandatory = true, ParameterSetName = DeleteSet)]
    public SwitchParameter DeleteRole { get; set; }

    /// <summary>Deny every session of the role issued before now; alone, it is incident response.</summary>
    [Parameter(ParameterSetName = UserSet)]
    [Parameter(ParameterSetName = GroupSet)]
    [Parameter(ParameterSetName = AccountSet)]
    [Parameter(ParameterSetName = ServiceSet)]
    [Parameter(ParameterSetName = DeleteSet)]
    [Parameter(Mandatory = true, ParameterSetName = SessionsSet)]
    public SwitchParameter RevokeSessions { get; set; }

    protected override void ProcessRecord()
    {
        var request = new RoleRevokeRequest
        {
            RoleName = RoleName.Trim(),
            GranteeKind = ParameterSetName switch
            {
                GroupSet => RoleGranteeKind.Group,
                AccountSet => RoleGranteeKind.Account,
                ServiceSet => RoleGranteeKind.Service,
                _ => RoleGranteeKind.User,
            },
            Grantees = ParameterSetName switch
            {
                GroupSet => Trimmed(new[] { GroupName }),
                AccountSet => Trimmed(AccountId),
                ServiceSet => Trimmed(Service),
                SessionsSet or DeleteSet => Array.Empty<string>(),
                _ => Trimmed(new[] { UserName }),
            },
            DeleteRole = DeleteRole,
            RevokeSessions = RevokeSessions,
        };
        try
        {
            RoleRevokePlanner.Validate(request);
        }
        catch (IamOpsException invalid)
        {
            WriteFailure(invalid);
            return;
        }

        var account = AccountOrStop();
        try
        {
            var connection = Connection;
            WriteObject(Await(token => RoleGrantChanges.RevokeAsync(connection, account, request, Callbacks(), token)));
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }

    private static IReadOnlyList<string> Trimmed(IEnumerable<string>? values) =>
        (values ?? Array.Empty<string>()).Select(v => (v ?? string.Empty).Trim()).Distinct(StringComparer.Ordinal).ToList();
}

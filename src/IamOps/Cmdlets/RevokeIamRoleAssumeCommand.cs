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
public sealed class RevokeIamRoleAssumeCommand : RoleGranteeCmdlet
{
    private const string SessionsSet = "Sessions";
    private const string DeleteSet = "Delete";

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
            GranteeKind = Grantee()?.Kind ?? RoleGranteeKind.User,
            Grantees = Grantee()?.Names ?? Array.Empty<string>(),
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
}

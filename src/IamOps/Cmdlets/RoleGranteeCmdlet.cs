using System.Management.Automation;
using IamOps.RoleGrant;

namespace IamOps.Cmdlets;

/// <summary>
/// What Grant-IamRoleAssume and Revoke-IamRoleAssume share: the role, and the grantee as a user, a group, other
/// accounts or AWS services, one parameter set each.
/// </summary>
public abstract class RoleGranteeCmdlet : IamOpsCmdlet
{
    protected const string UserSet = "User";
    protected const string GroupSet = "Group";
    protected const string AccountSet = "Account";
    protected const string ServiceSet = "Service";

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

    /// <summary>The grantee's kind and names in the user, group, account and service sets; null in the others.</summary>
    protected (RoleGranteeKind Kind, IReadOnlyList<string> Names)? Grantee() => ParameterSetName switch
    {
        UserSet => (RoleGranteeKind.User, Trimmed(new[] { UserName })),
        GroupSet => (RoleGranteeKind.Group, Trimmed(new[] { GroupName })),
        AccountSet => (RoleGranteeKind.Account, Trimmed(AccountId)),
        ServiceSet => (RoleGranteeKind.Service, Trimmed(Service)),
        _ => null,
    };

    /// <summary>Trimmed, each once.</summary>
    protected static IReadOnlyList<string> Trimmed(IEnumerable<string>? values) =>
        (values ?? Array.Empty<string>()).Select(v => (v ?? string.Empty).Trim()).Distinct(StringComparer.Ordinal).ToList();
}

using System.Management.Automation;
using IamOps.Planning;
using IamOps.RoleGrant;

namespace IamOps.Cmdlets;

/// <summary>
/// Lets a user, group, other account or AWS service assume a role, idempotently: the role and its trust, its managed
/// policies, the grantee's permission, and for EC2 the instance profile on running instances.
/// </summary>
[Cmdlet(VerbsSecurity.Grant, "IamRoleAssume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = UserSet)]
[OutputType(typeof(RoleGrantResult))]
public sealed class GrantIamRoleAssumeCommand : IamOpsCmdlet
{
    private const string UserSet = "User";
    private const string GroupSet = "Group";
    private const string AccountSet = "Account";
    private const string ServiceSet = "Service";

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

    [Parameter(ParameterSetName = UserSet)]
    [Parameter(ParameterSetName = GroupSet)]
    [Parameter(ParameterSetName = AccountSet)]
    public SwitchParameter RequireMfa { get; set; }

    [Parameter(ParameterSetName = UserSet)]
    [Parameter(ParameterSetName = GroupSet)]
    [Parameter(ParameterSetName = AccountSet)]
    public string? ExternalId { get; set; }

    [Parameter]
    public string[]? PolicyArn { get; set; }

    [Parameter]
    public int? MaxSessionDuration { get; set; }

    [Parameter(ParameterSetName = ServiceSet, ValueFromPipelineByPropertyName = true)]
    public string[]? InstanceId { get; set; }

    protected override void ProcessRecord()
    {
        var request = new RoleGrantRequest
        {
            RoleName = RoleName.Trim(),
            GranteeKind = ParameterSetName switch
            {
                GroupSet => RoleGranteeKind.Group,
                AccountSet => RoleGranteeKind.Account,
                ServiceSet => RoleGranteeKind.Service,
                _ => RoleGranteeKind.User,
            },
            Grantees = Trimmed(ParameterSetName switch
            {
                GroupSet => new[] { GroupName },
                AccountSet => AccountId,
                ServiceSet => Service,
                _ => new[] { UserName },
            }),
            RequireMfa = RequireMfa,
            ExternalId = ExternalId,
            PolicyArns = Trimmed(PolicyArn),
            MaxSessionDuration = MaxSessionDuration,
            InstanceIds = Trimmed(InstanceId),
        };
        try
        {
            RoleGrantPlanner.Validate(request);
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
            WriteObject(Await(token => RoleGrantChanges.GrantAsync(connection, account, request, Callbacks(), token)));
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }

    private static IReadOnlyList<string> Trimmed(IEnumerable<string>? values) =>
        (values ?? Array.Empty<string>()).Select(v => (v ?? string.Empty).Trim()).Distinct(StringComparer.Ordinal).ToList();
}

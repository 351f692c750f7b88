using System.Management.Automation;
using IamOps.LastAccessed;

namespace IamOps.Cmdlets;

/// <summary>
/// Access Advisor for a user, role, group or managed policy: one object per granted service (and, with
/// -IncludeActions, per tracked action), with its last use and whether it went unused in the last -Days days.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IamLastAccessed", DefaultParameterSetName = PolicySet)]
[OutputType(typeof(LastAccessedEntry))]
public sealed class GetIamLastAccessedCommand : LastAccessedCmdlet
{
    private const string UserSet = "User";
    private const string RoleSet = "Role";
    private const string GroupSet = "Group";

    // The default: an object with both a name and an Arn (Get-IAMRole's, Get-IamCredentialReport's) binds here, and its ARN says what it is.
    private const string PolicySet = "Arn";

    [Parameter(Mandatory = true, ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
    [Alias("User")]
    [ValidateNotNullOrEmpty]
    [UserNameCompletion]
    public string UserName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = RoleSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Role")]
    [ValidateNotNullOrEmpty]
    [RoleNameCompletion]
    public string RoleName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = GroupSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Group")]
    [ValidateNotNullOrEmpty]
    [GroupNameCompletion]
    public string GroupName { get; set; } = string.Empty;

    /// <summary>A managed policy's ARN; any user, group or role ARN works too (objects with an Arn property bind to it).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PolicySet, ValueFromPipelineByPropertyName = true)]
    [Alias("Arn")]
    [ValidateNotNullOrEmpty]
    public string PolicyArn { get; set; } = string.Empty;

    /// <summary>The window: a service not used in the last this-many days is GrantedButNotUsed.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Days { get; set; } = LastAccessedRequest.DefaultDays;

    /// <summary>Also one object per tracked action (IAM tracks actions for some services, among them S3, EC2, IAM and Lambda).</summary>
    [Parameter]
    public SwitchParameter IncludeActions { get; set; }

    protected override void ProcessRecord()
    {
        LastAccessedRequest request;
        try
        {
            request = ParameterSetName switch
            {
                UserSet => new LastAccessedRequest { Kind = LastAccessedTargetKind.User, Name = UserName.Trim() },
                RoleSet => new LastAccessedRequest { Kind = LastAccessedTargetKind.Role, Name = RoleName.Trim() },
                GroupSet => new LastAccessedRequest { Kind = LastAccessedTargetKind.Group, Name = GroupName.Trim() },
                _ => LastAccessedRequest.ForArn(PolicyArn, Days, IncludeActions),
            };
            request = request with { Days = Days, IncludeActions = IncludeActions };
            LastAccessedRequest.Validate(request);
        }
        catch (IamOpsException invalid)
        {
            WriteFailure(invalid);
            return;
        }

        try
        {
            WriteObject(ReadLastAccessed(request).Entries, enumerateCollection: true);
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }
}

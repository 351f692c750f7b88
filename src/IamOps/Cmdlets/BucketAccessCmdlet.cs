using System.Management.Automation;
using IamOps.Aws;
using IamOps.BucketAccess;
using IamOps.Principals;

namespace IamOps.Cmdlets;

/// <summary>
/// What Grant- and Revoke-IamBucketAccess share: one target among -UserName, -GroupName and -RoleName (bound by property
/// name, so Add-IamDeveloper's output or an AWS.Tools role pipes in), the bucket and the prefix. The cmdlets name no
/// default parameter set: with one, PowerShell settles on it before the first pipeline object arrives, and a CSV row
/// with RoleName and BucketName failed for want of a UserName.
/// </summary>
public abstract class BucketAccessCmdlet : IamOpsCmdlet
{
    protected const string UserSet = "User";
    protected const string GroupSet = "Group";
    protected const string RoleSet = "Role";

    [Parameter(Mandatory = true, ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
    [Alias("User")]
    [UserNameCompletion]
    [ValidateNotNullOrEmpty]
    public string UserName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = GroupSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Group")]
    [GroupNameCompletion]
    [ValidateNotNullOrEmpty]
    public string GroupName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = RoleSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Role")]
    [RoleNameCompletion]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = GroupSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = RoleSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Bucket")]
    [BucketNameCompletion]
    public string BucketName { get; set; } = string.Empty;

    [Parameter(Position = 1, ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Position = 1, ParameterSetName = GroupSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Position = 1, ParameterSetName = RoleSet, ValueFromPipelineByPropertyName = true)]
    public string? Prefix { get; set; }

    /// <summary>The target the bound parameter set names.</summary>
    protected PrincipalTarget Principal() => ParameterSetName switch
    {
        GroupSet => new PrincipalTarget(IdentityKind.Group, GroupName.Trim()),
        RoleSet => new PrincipalTarget(IdentityKind.Role, RoleName.Trim()),
        _ => new PrincipalTarget(IdentityKind.User, UserName.Trim()),
    };
}

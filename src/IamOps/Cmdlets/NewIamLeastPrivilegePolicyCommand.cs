using System.Management.Automation;
using IamOps.Aws;
using IamOps.LastAccessed;
using IamOps.LeastPrivilege;

namespace IamOps.Cmdlets;

/// <summary>
/// Proposes a customer managed policy that keeps only what a role or user used in the last -Days days (from Access
/// Advisor), with the diff against what it is granted now and the engine's lint; -Apply writes it, plan-first.
/// </summary>
[Cmdlet(VerbsCommon.New, "IamLeastPrivilegePolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RoleSet)]
[OutputType(typeof(LeastPrivilegeProposal))]
public sealed class NewIamLeastPrivilegePolicyCommand : LastAccessedCmdlet
{
    private const string RoleSet = "Role";
    private const string UserSet = "User";

    [Parameter(Mandatory = true, ParameterSetName = RoleSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Role")]
    [ValidateNotNullOrEmpty]
    [RoleNameCompletion]
    public string RoleName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = UserSet, ValueFromPipelineByPropertyName = true)]
    [Alias("User")]
    [ValidateNotNullOrEmpty]
    [UserNameCompletion]
    public string UserName { get; set; } = string.Empty;

    /// <summary>Keep what was used in the last this-many days.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Days { get; set; } = LeastPrivilegeRequest.DefaultDays;

    /// <summary>The customer managed policy -Apply creates, or gives a new default version.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PolicyName { get; set; }

    /// <summary>The new policy's description.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>Write the proposal as the managed policy -PolicyName (under -WhatIf/-Confirm like any change).</summary>
    [Parameter]
    public SwitchParameter Apply { get; set; }

    protected override void ProcessRecord()
    {
        var request = new LeastPrivilegeRequest
        {
            Kind = ParameterSetName == UserSet ? IdentityKind.User : IdentityKind.Role,
            Name = (ParameterSetName == UserSet ? UserName : RoleName).Trim(),
            Days = Days,
            PolicyName = PolicyName?.Trim(),
            Description = Description,
            Apply = Apply,
        };
        try
        {
            LeastPrivilegeRequest.Validate(request);
        }
        catch (IamOpsException invalid)
        {
            WriteFailure(invalid);
            return;
        }

        var account = AccountOrStop();
        try
        {
            var lastAccessed = new LastAccessedRequest
            {
                Kind = request.Kind == IdentityKind.User ? LastAccessedTargetKind.User : LastAccessedTargetKind.Role,
                Name = request.Name,
                Days = request.Days,
                IncludeActions = true,
            };
            var step = ReadLastAccessed(lastAccessed);
            var targetArn = step.Arn!;
            var connection = Connection;
            var utcNow = Sandbox?.UtcNow ?? DateTime.UtcNow;
            WriteObject(Await(token => LeastPrivilegeRun.RunAsync(connection.Iam, account, request, step.Report!, targetArn, utcNow, Callbacks(), token)));
        }
        catch (IamOpsException failure)
        {
            WriteFailure(failure);
        }
    }
}

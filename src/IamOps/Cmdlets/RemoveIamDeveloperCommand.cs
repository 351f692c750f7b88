using System.Management.Automation;
using IamOps.Offboarding;

namespace IamOps.Cmdlets;

/// <summary>
/// Offboards developers, one or many: removes everything IAM requires, in its order, then the user; or with -Disable
/// keeps the user with no way in. One confirmation per user, listing every step.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "IamDeveloper", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(OffboardingResult))]
public sealed class RemoveIamDeveloperCommand : IamOpsCmdlet
{
    private readonly Offboarder _offboarder = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "User")]
    [UserNameCompletion]
    [AllowEmptyString]
    public string UserName { get; set; } = string.Empty;

    /// <summary>Keep the user: deactivate its access keys, remove its console password and groups, tag it iamops:offboarded.</summary>
    [Parameter]
    public SwitchParameter Disable { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void ProcessRecord()
    {
        var request = new OffboardingRequest { UserName = (UserName ?? string.Empty).Trim(), Disable = Disable };
        var (rejection, note) = _offboarder.Add(request);
        if (note is not null)
        {
            WriteVerbose(note);
        }

        if (rejection is not null)
        {
            WriteFailure(rejection, request.UserName);
        }
    }

    protected override void EndProcessing()
    {
        try
        {
            var users = _offboarder.Requests.Count == 0 ? _offboarder.Rejected() : Offboard();
            foreach (var user in users)
            {
                if (user.Failure is not null)
                {
                    WriteFailure(user.Failure, user.Result.UserName);
                }

                if (user.Result.Note is not null)
                {
                    WriteVerbose(user.Result.Note);
                }

                WriteObject(user.Result);
            }

            WriteVerbose(Offboarder.Summary(users));
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }

    private IReadOnlyList<OffboardedUser> Offboard()
    {
        var connection = Connection;
        var callbacks = Callbacks(Disable ? "Disabling developers" : "Removing developers", "developers");
        return Await(token => _offboarder.OffboardAsync(connection, ThrottleLimit, callbacks, token));
    }
}

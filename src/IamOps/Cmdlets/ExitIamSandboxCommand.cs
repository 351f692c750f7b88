using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>Leaves the sandbox: IamOps cmdlets in this session talk to AWS again.</summary>
[Cmdlet(VerbsCommon.Exit, "IamSandbox")]
[OutputType(typeof(void))]
public sealed class ExitIamSandboxCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (SessionState.PSVariable.Get(EnterIamSandboxCommand.VariableName) is null)
        {
            WriteWarning("This session is not in a sandbox.");
            return;
        }

        SessionState.PSVariable.Remove(EnterIamSandboxCommand.VariableName);
    }
}

using System.Management.Automation;
using IamOps.Sandbox;

namespace IamOps.Cmdlets;

/// <summary>Points this session's IamOps cmdlets at a simulated account, in memory or saved to a state file.</summary>
[Cmdlet(VerbsCommon.Enter, "IamSandbox")]
[OutputType(typeof(SandboxInfo))]
public sealed class EnterIamSandboxCommand : PSCmdlet
{
    /// <summary>The session variable that holds the sandbox; IamOps cmdlets look for it before resolving AWS.</summary>
    internal const string VariableName = "IamOpsSandbox";

    [Parameter(Position = 0)]
    public string? Path { get; set; }

    [Parameter]
    [ValidatePattern(@"^\d{12}$")]
    public string? AccountId { get; set; }

    protected override void EndProcessing()
    {
        try
        {
            var path = Path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var sandbox = SandboxLoader.Open(path, AccountId);
            SessionState.PSVariable.Set(new PSVariable(VariableName, sandbox, ScopedItemOptions.None) { Description = "The IamOps sandbox this session works on (Exit-IamSandbox leaves it)." });
            WriteObject(new SandboxInfo(sandbox.AccountId, sandbox.StatePath));
        }
        catch (IamOpsException failure)
        {
            ThrowTerminatingError(IamOpsCmdlet.ToErrorRecord(failure, Path));
        }
    }
}

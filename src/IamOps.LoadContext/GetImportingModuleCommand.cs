using System.Management.Automation;

namespace IamOps.LoadContext;

/// <summary>Writes the module whose session state it runs in: during OnImport, the IamOps manifest being imported.</summary>
internal sealed class GetImportingModuleCommand : PSCmdlet
{
    protected override void EndProcessing() => WriteObject(SessionState.Module);
}

using System.Management.Automation;

namespace IamOps.Benchmarks.TrivialModule;

/// <summary>Does nothing of note; it exists so that importing its module can be timed.</summary>
[Cmdlet(VerbsCommon.Get, "Trivial")]
[OutputType(typeof(string))]
public sealed class GetTrivialCommand : PSCmdlet
{
    protected override void ProcessRecord() => WriteObject("trivial");
}

namespace IamOps.PowerShell.Tests;

/// <summary>Tests that change the process's AWS_* environment variables run alone, so no other test reads them half-set.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "ProcessEnvironment";
}

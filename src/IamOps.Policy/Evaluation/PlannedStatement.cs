namespace IamOps.Policy.Evaluation;

/// <summary>A compiled statement with the policy it belongs to and that policy's role in the set.</summary>
internal sealed class PlannedStatement
{
    public PlannedStatement(CompiledStatement statement, CompiledPolicy policy, PolicySource source, int controlLevel)
    {
        Statement = statement;
        Policy = policy;
        Source = source;
        ControlLevel = controlLevel;
    }

    public CompiledStatement Statement { get; }

    public CompiledPolicy Policy { get; }

    public PolicySource Source { get; }

    /// <summary>For service control policies, the level (0-based) whose allow this statement supplies.</summary>
    public int ControlLevel { get; }
}

namespace IamOps.Policy.Evaluation;

/// <summary>A compiled statement with the policy it belongs to and that policy's role in the set.</summary>
internal sealed class PlannedStatement
{
    public PlannedStatement(CompiledStatement statement, CompiledPolicy policy, PolicySource source, int controlLevel, Func<string, int> slotOf)
    {
        ResourceSlots = statement.Resources?.Select(r => slotOf(r.Signature)).ToArray() ?? Array.Empty<int>();
        ConditionSlots = statement.Conditions.Select(c => slotOf(c.Signature)).ToArray();
        Statement = statement;
        Policy = policy;
        Source = source;
        ControlLevel = controlLevel;
    }

    public CompiledStatement Statement { get; }

    public CompiledPolicy Policy { get; }

    public PolicySource Source { get; }

    /// <summary>The memo slot of each resource pattern (see <see cref="EvaluationState"/>).</summary>
    public int[] ResourceSlots { get; }

    /// <summary>The memo slot of each condition.</summary>
    public int[] ConditionSlots { get; }

    /// <summary>For service control policies, the level (0-based) whose allow this statement supplies.</summary>
    public int ControlLevel { get; }
}

namespace IamOps.Policy.Evaluation;

/// <summary>The statements of a policy set whose Action/NotAction covers one action, Deny first; cached per action.</summary>
internal sealed class ActionPlan
{
    public ActionPlan(PlannedStatement[] denies, PlannedStatement[] allows)
    {
        Denies = denies;
        Allows = allows;
    }

    public PlannedStatement[] Denies { get; }

    public PlannedStatement[] Allows { get; }
}

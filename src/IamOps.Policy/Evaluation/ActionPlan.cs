namespace IamOps.Policy.Evaluation;

/// <summary>The statements of a policy set whose Action/NotAction covers one action, Deny first; cached per action.</summary>
internal sealed class ActionPlan
{
    public ActionPlan(PlannedStatement[] denies, PlannedStatement[] allows, RequiredResourcePolicy required)
    {
        Denies = denies;
        Allows = allows;
        Required = required;
    }

    public PlannedStatement[] Denies { get; }

    public PlannedStatement[] Allows { get; }

    /// <summary>Whether the action on its resource type needs the resource's own policy to allow (role trust, KMS key).</summary>
    public RequiredResourcePolicy Required { get; }
}

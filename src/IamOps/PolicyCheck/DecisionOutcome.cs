namespace IamOps.PolicyCheck;

/// <summary>The decisions made, and a failure for every document, action or resource that could not be decided on.</summary>
public sealed record DecisionOutcome(IReadOnlyList<PolicyCheckDecision> Decisions, IReadOnlyList<IamOpsException> Failures)
{
    public static DecisionOutcome Of(IReadOnlyList<PolicyCheckDecision> decisions) => new(decisions, Array.Empty<IamOpsException>());
}

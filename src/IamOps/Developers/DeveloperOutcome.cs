using IamOps.Planning;

namespace IamOps.Developers;

/// <summary>One developer after the batch: the plan (or why it could not be made), and what became of each change.</summary>
public sealed class DeveloperOutcome
{
    internal DeveloperOutcome(DeveloperRequest request, DeveloperPlan? plan, IReadOnlyList<AppliedChange> applied, IamOpsException? failure)
    {
        Request = request;
        Plan = plan;
        Applied = applied;
        Failure = failure;
    }

    public DeveloperRequest Request { get; }

    public DeveloperPlan? Plan { get; }

    public IReadOnlyList<AppliedChange> Applied { get; }

    public IamOpsException? Failure { get; }
}

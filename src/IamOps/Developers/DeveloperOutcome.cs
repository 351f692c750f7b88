using IamOps.Planning;

namespace IamOps.Developers;

/// <summary>One developer after the batch: the plan (or why it could not be made), and what became of each change.</summary>
public sealed class DeveloperOutcome
{
    internal DeveloperOutcome(DeveloperRequest request, DeveloperPlan? plan, IReadOnlyList<AppliedChange> applied, IamOpsException? failure, IReadOnlyList<AppliedChange>? groupChanges = null)
    {
        Request = request;
        Plan = plan;
        Applied = applied;
        Failure = failure;
        GroupChanges = groupChanges ?? Array.Empty<AppliedChange>();
    }

    /// <summary>A developer that failed before it reached the account (invalid or duplicate input).</summary>
    public static DeveloperOutcome Rejected(DeveloperRequest request, IamOpsException failure) => new(request, null, Array.Empty<AppliedChange>(), failure);

    /// <summary>What was done (or, with -WhatIf, would be done) to the groups this developer is put in.</summary>
    public IReadOnlyList<AppliedChange> GroupChanges { get; }

    public DeveloperRequest Request { get; }

    public DeveloperPlan? Plan { get; }

    public IReadOnlyList<AppliedChange> Applied { get; }

    public IamOpsException? Failure { get; }
}

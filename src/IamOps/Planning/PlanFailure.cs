namespace IamOps.Planning;

/// <summary>The error for a plan that stopped at a failed change: what failed, what was already done, and that a re-run finishes it.</summary>
public static class PlanFailure
{
    /// <summary>The first failure among <paramref name="applied"/> as one actionable error; null when nothing failed.</summary>
    public static IamOpsException? Explain(IReadOnlyList<AppliedChange> applied, string subject, object? target)
    {
        var failed = applied.FirstOrDefault(a => a.Failure is not null);
        if (failed is null)
        {
            return null;
        }

        var done = applied.Where(a => a.Outcome == ChangeOutcome.Applied).Select(a => a.ToString()).ToList();
        var failure = failed.Failure!;
        return new IamOpsException(failure.ErrorId, failure.Kind,
            $"{subject}: {failed}" + (done.Count > 0 ? " Already done: " + string.Join("; ", done) + "." : string.Empty) + " Run the command again to finish.",
            target, failure);
    }
}

namespace IamOps.Planning;

/// <summary>Applies one planned change and turns a failure into an outcome, so a plan can report and stop instead of throwing.</summary>
public static class ChangeRunner
{
    public static async Task<AppliedChange> RunAsync(PlannedChange change, CancellationToken cancellationToken)
    {
        try
        {
            await change.Apply(cancellationToken).ConfigureAwait(false);
            return new AppliedChange(change, ChangeOutcome.Applied);
        }
        catch (IamOpsException failure)
        {
            return new AppliedChange(change, ChangeOutcome.Failed, failure);
        }
    }
}

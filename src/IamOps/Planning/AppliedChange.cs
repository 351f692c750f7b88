namespace IamOps.Planning;

/// <summary>A planned change and its outcome, for the result objects and the verbose summary.</summary>
public sealed record AppliedChange(PlannedChange Change, ChangeOutcome Outcome, IamOpsException? Failure = null)
{
    public override string ToString() => Outcome switch
    {
        ChangeOutcome.Applied => Change.Description + " " + Change.Target,
        ChangeOutcome.Skipped => "Would " + char.ToLowerInvariant(Change.Description[0]) + Change.Description.Substring(1) + " " + Change.Target,
        ChangeOutcome.NotAttempted => "Not attempted: " + Change.Description + " " + Change.Target,
        _ => "Failed to " + char.ToLowerInvariant(Change.Description[0]) + Change.Description.Substring(1) + " " + Change.Target + ": " + Failure?.Message,
    };
}

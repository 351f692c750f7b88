namespace IamOps.PolicyCheck;

/// <summary>One thing Test-IamPolicy reports, in order: a finding or decision to output, or an error about one input (with its target).</summary>
public sealed record PolicyCheckEntry(object? Result, IamOpsException? Failure, object? Target)
{
    public static PolicyCheckEntry Output(object result) => new(result, null, null);

    public static PolicyCheckEntry Error(IamOpsException failure, object? target) => new(null, failure, target);
}

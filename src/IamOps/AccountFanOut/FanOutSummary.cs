namespace IamOps.AccountFanOut;

/// <summary>What a fan-out did: how many accounts ran, which succeeded, and which failed and why (in input order).</summary>
public sealed class FanOutSummary
{
    public FanOutSummary(IReadOnlyList<FanOutAccount> succeeded, IReadOnlyList<FanOutFailure> failures, int total)
    {
        SucceededAccountId = succeeded.Select(a => a.Id).ToArray();
        Failures = failures;
        Total = total;
    }

    public int Total { get; }

    public int Succeeded => SucceededAccountId.Count;

    public int Failed => Failures.Count;

    /// <summary>Accounts the run did not reach (stopped before they started).</summary>
    public int NotRun => Total - Succeeded - Failed;

    public IReadOnlyList<string> SucceededAccountId { get; }

    public IReadOnlyList<string> FailedAccountId => Failures.Select(f => f.AccountId).ToArray();

    public IReadOnlyList<FanOutFailure> Failures { get; }

    /// <summary>One line for the information stream and, when an account failed, the warning.</summary>
    public string Describe()
    {
        var head = $"{Total} account{(Total == 1 ? string.Empty : "s")}: {Succeeded} succeeded, {Failed} failed";
        return Failed == 0 ? head + "." : head + ": " + string.Join("; ", Failures.Select(f => f.ToString().TrimEnd('.'))) + ".";
    }

    public override string ToString() => Describe();
}

namespace IamOps.AccountFanOut;

/// <summary>
/// How a fan-out tells whoever runs it what happens. Calls never overlap (one at a time, from any thread); the caller
/// brings them to the pipeline thread. With ordering, an account's output and failure come only after every account
/// before it in the input finished.
/// </summary>
public sealed class FanOutEvents
{
    /// <summary>An account's work started (its session is being made).</summary>
    public Action<FanOutAccount>? Started { get; init; }

    /// <summary>Something the account's work produced (an output object, or a stream record), in the order it was produced.</summary>
    public Action<FanOutAccount, object>? Output { get; init; }

    /// <summary>An account failed: its session could not be made or its work ended with a failure.</summary>
    public Action<FanOutFailure>? Failed { get; init; }

    /// <summary>When an account starts: how far the fan-out is, with that account as the latest and how many run now.</summary>
    public Action<FanOutProgress>? Began { get; init; }

    /// <summary>After each account finishes, failed or not.</summary>
    public Action<FanOutProgress>? Progress { get; init; }
}

namespace IamOps.Simulator;

/// <summary>
/// A deterministic schedule of injected failures keyed by call number (1 = the account's first call, counted across
/// IAM, STS and S3, in process and over HTTP alike). A scheduled fault fires once.
/// </summary>
public sealed class FaultSchedule
{
    private readonly object _gate = new();
    private readonly Dictionary<long, ScheduledFault> _byCall = new();

    /// <summary>How long the endpoint withholds a timed-out response before closing the connection.</summary>
    public TimeSpan TimeoutHold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Fail call <paramref name="callNumber"/>; with <paramref name="afterApply"/> the change is made first, then the failure is reported.</summary>
    public FaultSchedule FailCall(long callNumber, FaultKind kind, bool afterApply = false)
    {
        if (callNumber < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(callNumber), callNumber, "Call numbers start at 1.");
        }

        lock (_gate)
        {
            _byCall[callNumber] = new ScheduledFault(kind, afterApply);
        }

        return this;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byCall.Clear();
        }
    }

    internal ScheduledFault? Take(long callNumber)
    {
        lock (_gate)
        {
            if (_byCall.TryGetValue(callNumber, out var fault))
            {
                _byCall.Remove(callNumber);
                return fault;
            }

            return null;
        }
    }

    internal sealed record ScheduledFault(FaultKind Kind, bool AfterApply);
}

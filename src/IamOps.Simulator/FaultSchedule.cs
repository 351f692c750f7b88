namespace IamOps.Simulator;

/// <summary>
/// A deterministic schedule of injected failures: by call number (1 = the account's first call, counted across IAM,
/// STS and S3, in process and over HTTP alike) or by operation (the next N calls of CreateUser). A fault fires once.
/// </summary>
public sealed class FaultSchedule
{
    private readonly object _gate = new();
    private readonly Dictionary<long, ScheduledFault> _byCall = new();
    private readonly Dictionary<string, Queue<ScheduledFault>> _byOperation = new(StringComparer.Ordinal);

    /// <summary>How long the endpoint withholds a timed-out response before closing the connection.</summary>
    public TimeSpan TimeoutHold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Fail call <paramref name="callNumber"/>; with <paramref name="afterApply"/> the change is made first, then the failure is reported.</summary>
    public FaultSchedule FailCall(long callNumber, FaultKind kind, bool afterApply = false) =>
        AtCall(callNumber, new ScheduledFault(kind, afterApply, null));

    /// <summary>
    /// Fail call <paramref name="callNumber"/> and then the next <paramref name="retries"/> calls of the same operation
    /// (before any change): a fault that outlasts a caller's retries, such as throttling beyond the SDK's attempts.
    /// </summary>
    public FaultSchedule FailCallAndRetries(long callNumber, FaultKind kind, int retries) =>
        retries < 0
            ? throw new ArgumentOutOfRangeException(nameof(retries), retries, "Retries are zero or more.")
            : AtCall(callNumber, new ScheduledFault(kind, false, null) { Retries = retries });

    /// <summary>Fail call <paramref name="callNumber"/> with any AWS error, e.g. ConcurrentModification (409) or EntityTemporarilyUnmodifiable (409).</summary>
    public FaultSchedule FailCall(long callNumber, string awsErrorCode, int httpStatus, bool afterApply = false) =>
        AtCall(callNumber, new ScheduledFault(FaultKind.ServiceFailure, afterApply, new ServiceError(awsErrorCode, httpStatus, $"Injected {awsErrorCode}.", httpStatus < 500)));

    /// <summary>Fail the next <paramref name="times"/> calls of <paramref name="operation"/> (an API action such as CreateUser).</summary>
    public FaultSchedule FailOperation(string operation, FaultKind kind, int times = 1, bool afterApply = false)
    {
        lock (_gate)
        {
            if (!_byOperation.TryGetValue(operation, out var queue))
            {
                _byOperation[operation] = queue = new Queue<ScheduledFault>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(new ScheduledFault(kind, afterApply, null));
            }
        }

        return this;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byCall.Clear();
            _byOperation.Clear();
        }
    }

    internal ScheduledFault? Take(long callNumber, string operation)
    {
        lock (_gate)
        {
            if (_byCall.TryGetValue(callNumber, out var fault))
            {
                _byCall.Remove(callNumber);
                if (fault.Retries > 0)
                {
                    if (!_byOperation.TryGetValue(operation, out var retries))
                    {
                        _byOperation[operation] = retries = new Queue<ScheduledFault>();
                    }

                    for (var i = 0; i < fault.Retries; i++)
                    {
                        retries.Enqueue(fault with { Retries = 0 });
                    }
                }

                return fault;
            }

            return _byOperation.TryGetValue(operation, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }

    private FaultSchedule AtCall(long callNumber, ScheduledFault fault)
    {
        if (callNumber < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(callNumber), callNumber, "Call numbers start at 1.");
        }

        lock (_gate)
        {
            _byCall[callNumber] = fault;
        }

        return this;
    }

    /// <param name="Error">A specific AWS error to answer with, instead of the kind's own.</param>
    internal sealed record ScheduledFault(FaultKind Kind, bool AfterApply, ServiceError? Error)
    {
        /// <summary>How many further calls of the same operation fail the same way once this one fires.</summary>
        public int Retries { get; init; }

        /// <summary>What the call log records as the outcome.</summary>
        public string Outcome => Error?.Code ?? Kind.ToString();

        /// <summary>What the caller receives: the specific AWS error, or the kind's own error or transport failure.</summary>
        public Exception ToException() => Error ?? (Exception)(Kind switch
        {
            FaultKind.Throttling => new ServiceError("Throttling", 400, "Rate exceeded"),
            FaultKind.ServiceFailure => new ServiceError("ServiceFailure", 500, "The request processing has failed because of an unknown error, exception or failure.", senderFault: false),
            _ => new InjectedTransportFault(Kind),
        });
    }
}

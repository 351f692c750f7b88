namespace IamOps.AccountFanOut;

/// <summary>
/// Brings each account's output and outcome to the events one call at a time: at once, or (ordered) held back per account
/// until every account before it in the input has finished, then released in input order.
/// </summary>
internal sealed class FanOutDelivery
{
    private readonly object _gate = new();
    private readonly IReadOnlyList<FanOutAccount> _accounts;
    private readonly FanOutEvents _events;
    private readonly bool _ordered;
    private readonly List<Action>?[] _held;
    private readonly bool[] _finished;
    private readonly FanOutFailure?[] _failures;
    private readonly bool[] _succeeded;
    private int _next;
    private int _done;
    private int _running;
    private int _failed;

    public FanOutDelivery(IReadOnlyList<FanOutAccount> accounts, FanOutEvents events, bool ordered)
    {
        _accounts = accounts;
        _events = events;
        _ordered = ordered;
        _held = new List<Action>?[accounts.Count];
        _finished = new bool[accounts.Count];
        _failures = new FanOutFailure?[accounts.Count];
        _succeeded = new bool[accounts.Count];
    }

    public void Started(FanOutAccount account)
    {
        lock (_gate)
        {
            _running++;
            _events.Started?.Invoke(account);
            _events.Began?.Invoke(new FanOutProgress(_done, _failed, _accounts.Count, account, _running));
        }
    }

    public void Emit(int index, object item)
    {
        var account = _accounts[index];
        Deliver(index, () => _events.Output?.Invoke(account, item));
    }

    /// <summary>The account finished: its failure (if any) is delivered in turn, then the progress.</summary>
    public void Complete(int index, FanOutFailure? failure, bool cancelled)
    {
        lock (_gate)
        {
            _failures[index] = failure;
            _succeeded[index] = failure is null && !cancelled;
            if (failure is not null)
            {
                _failed++;
                Deliver(index, () => _events.Failed?.Invoke(failure));
            }

            _finished[index] = true;
            if (_ordered && index == _next)
            {
                Advance();
            }

            _done++;
            _running--;
            _events.Progress?.Invoke(new FanOutProgress(_done, _failed, _accounts.Count, _accounts[index], _running));
        }
    }

    public FanOutSummary Summary()
    {
        lock (_gate)
        {
            var succeeded = _accounts.Where((_, i) => _succeeded[i]).ToList();
            var failures = _failures.Where(f => f is not null).Select(f => f!).ToList();
            return new FanOutSummary(succeeded, failures, _accounts.Count);
        }
    }

    private void Deliver(int index, Action action)
    {
        lock (_gate)
        {
            if (!_ordered || index == _next)
            {
                action();
                return;
            }

            (_held[index] ??= new List<Action>()).Add(action);
        }
    }

    /// <summary>Moves past every finished account at the head, releasing what the next one held back meanwhile.</summary>
    private void Advance()
    {
        while (_next < _accounts.Count && _finished[_next])
        {
            _next++;
            if (_next < _accounts.Count && _held[_next] is { } held)
            {
                _held[_next] = null;
                foreach (var action in held)
                {
                    action();
                }
            }
        }
    }
}

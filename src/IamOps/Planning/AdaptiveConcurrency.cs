namespace IamOps.Planning;

/// <summary>
/// A concurrency gate that backs off when AWS throttles (halves the number of workers) and grows back one at a
/// time after a run of successes, never above the -ThrottleLimit the user set.
/// </summary>
internal sealed class AdaptiveConcurrency
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource<bool>> _waiting = new();
    private readonly int _max;
    private int _limit;
    private int _running;
    private int _successes;

    public AdaptiveConcurrency(int max)
    {
        _max = Math.Max(1, max);
        _limit = _max;
    }

    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit;
            }
        }
    }

    public Task EnterAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_running < _limit)
            {
                _running++;
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => waiter.TrySetCanceled());
            _waiting.Enqueue(waiter);
            return waiter.Task;
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            _running--;
            Admit();
        }
    }

    public void OnThrottled()
    {
        lock (_gate)
        {
            _limit = Math.Max(1, _limit / 2);
            _successes = 0;
        }
    }

    public void OnSuccess()
    {
        lock (_gate)
        {
            if (++_successes >= _limit * 4 && _limit < _max)
            {
                _limit++;
                _successes = 0;
                Admit();
            }
        }
    }

    private void Admit()
    {
        while (_running < _limit && _waiting.Count > 0)
        {
            var next = _waiting.Dequeue();
            if (next.TrySetResult(true))
            {
                _running++;
            }
        }
    }
}

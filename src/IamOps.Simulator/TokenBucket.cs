namespace IamOps.Simulator;

/// <summary>A rate limit: tokens refill continuously at the given rate, up to one second's worth, by the account's clock.</summary>
internal sealed class TokenBucket
{
    private readonly object _gate = new();
    private double _tokens = double.NaN;
    private DateTime _last;

    /// <summary>Takes one token at <paramref name="now"/> when <paramref name="perSecond"/> allows it; always true when the rate is zero or less.</summary>
    public bool TryTake(double perSecond, DateTime now)
    {
        if (perSecond <= 0)
        {
            return true;
        }

        lock (_gate)
        {
            var elapsed = Math.Max(0, (now - _last).TotalSeconds);
            _tokens = double.IsNaN(_tokens) ? perSecond : Math.Min(perSecond, _tokens + (elapsed * perSecond));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}

using System.Diagnostics;

namespace IamOps.Simulator;

/// <summary>A rate limit: tokens refill continuously at the given rate, up to one second's worth.</summary>
internal sealed class TokenBucket
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _tokens = double.NaN;
    private double _last;

    /// <summary>Takes one token when <paramref name="perSecond"/> allows it; always true when the rate is zero or less.</summary>
    public bool TryTake(double perSecond)
    {
        if (perSecond <= 0)
        {
            return true;
        }

        lock (_gate)
        {
            var now = _clock.Elapsed.TotalSeconds;
            _tokens = double.IsNaN(_tokens) ? perSecond : Math.Min(perSecond, _tokens + ((now - _last) * perSecond));
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

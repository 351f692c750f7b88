namespace IamOps.Simulator;

/// <summary>Every call the account received, in order; tests assert on it (e.g. that -WhatIf made no mutating call).</summary>
public sealed class CallLog
{
    private readonly object _gate = new();
    private readonly List<SimulatorCall> _calls = new();
    private int _capacity = 100_000;

    /// <summary>How many calls are kept; the oldest go first, so a long sandbox session stays bounded.</summary>
    public int Capacity
    {
        get => _capacity;
        set => _capacity = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The call log keeps at least one call.");
    }

    /// <summary>A snapshot, oldest first.</summary>
    public IReadOnlyList<SimulatorCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>Calls to mutating operations, whatever their outcome.</summary>
    public IReadOnlyList<SimulatorCall> MutatingCalls => Calls.Where(c => c.IsMutating).ToArray();

    /// <summary>Calls that changed the account.</summary>
    public IReadOnlyList<SimulatorCall> Changes => Calls.Where(c => c.ChangeApplied).ToArray();

    public IReadOnlyList<SimulatorCall> Of(string operation) => Calls.Where(c => c.Operation == operation).ToArray();

    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    internal void Add(SimulatorCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
            if (_calls.Count > _capacity)
            {
                // Trim in batches: removing from the front of a list is a copy.
                _calls.RemoveRange(0, Math.Max(_calls.Count - _capacity, _capacity / 10));
            }
        }
    }
}

namespace IamOps.Simulator;

/// <summary>A clock that moves only when told to: MFA codes, expiry and propagation delays without waiting.</summary>
public sealed class ManualClock : SimulatorClock
{
    private long _ticks;

    public ManualClock(DateTime utcNow) => _ticks = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc).Ticks;

    public override DateTime UtcNow => new(Interlocked.Read(ref _ticks), DateTimeKind.Utc);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

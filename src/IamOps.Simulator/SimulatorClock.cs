namespace IamOps.Simulator;

/// <summary>Where the account reads the time: the system clock, or a <see cref="ManualClock"/> in tests.</summary>
public abstract class SimulatorClock
{
    public static SimulatorClock System { get; } = new SystemClock();

    public abstract DateTime UtcNow { get; }

    private sealed class SystemClock : SimulatorClock
    {
        public override DateTime UtcNow => DateTime.UtcNow;
    }
}

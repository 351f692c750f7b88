namespace IamOps.Simulator;

/// <summary>A scheduled timeout or dropped connection: no service answer at all.</summary>
internal sealed class InjectedTransportFault : Exception
{
    public InjectedTransportFault(FaultKind kind)
        : base(kind == FaultKind.Timeout ? "The simulated request timed out." : "The simulated connection was dropped.")
    {
        Kind = kind;
    }

    public FaultKind Kind { get; }
}

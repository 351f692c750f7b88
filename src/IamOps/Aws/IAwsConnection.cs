namespace IamOps.Aws;

/// <summary>
/// The one door to an account: the ports an operation may call. The AWS implementation and the simulator both provide
/// it; no cmdlet knows which it has.
/// </summary>
public interface IAwsConnection
{
    ISts Sts { get; }

    /// <summary>What this connection points at, for verbose output: region, credential source, endpoint.</summary>
    string Description { get; }
}

namespace IamOps.Simulator;

/// <summary>The failures the fault schedule can inject into a call.</summary>
public enum FaultKind
{
    /// <summary>HTTP 400, code Throttling, "Rate exceeded".</summary>
    Throttling,

    /// <summary>HTTP 500, code ServiceFailure.</summary>
    ServiceFailure,

    /// <summary>No answer: in process an AwsTimeout failure; over HTTP the response is withheld until the client gives up.</summary>
    Timeout,

    /// <summary>The connection closes without an answer.</summary>
    DroppedConnection,
}

using IamOps.Developers;
using IamOps.Simulator;

namespace IamOps.Tests.Reliability;

/// <summary>The faults the sweep injects at each call, as the issue lists them.</summary>
internal enum SweepFault
{
    /// <summary>
    /// Throttling on the call and on the next four calls of its operation: five attempts, beyond OnboardingBatch's own
    /// retries (the in-process port has no SDK retries, so for everything else one throttled call is already beyond them).
    /// </summary>
    ThrottlingBeyondRetries,

    /// <summary>HTTP 500 ServiceFailure before the change.</summary>
    ServiceFailure,

    /// <summary>No answer before the change (AwsTimeout).</summary>
    Timeout,

    /// <summary>The connection closes before the change (AwsConnectionFailed).</summary>
    DroppedConnection,

    /// <summary>The change is made, then a ServiceFailure is reported.</summary>
    ServiceFailureAfterApply,

    /// <summary>The change is made, then the answer never comes (AwsTimeout).</summary>
    TimeoutAfterApply,

    /// <summary>The change is made, then the connection closes before the answer.</summary>
    DroppedConnectionAfterApply,
}

internal static class SweepFaults
{
    public static readonly IReadOnlyList<SweepFault> All = Enum.GetValues<SweepFault>();

    public static void Schedule(this FaultSchedule faults, SweepFault fault, long callNumber)
    {
        switch (fault)
        {
            case SweepFault.ThrottlingBeyondRetries:
                faults.FailCallAndRetries(callNumber, FaultKind.Throttling, OnboardingBatch.ThrottleAttempts - 1);
                break;
            case SweepFault.ServiceFailure:
                faults.FailCall(callNumber, FaultKind.ServiceFailure);
                break;
            case SweepFault.Timeout:
                faults.FailCall(callNumber, FaultKind.Timeout);
                break;
            case SweepFault.DroppedConnection:
                faults.FailCall(callNumber, FaultKind.DroppedConnection);
                break;
            case SweepFault.ServiceFailureAfterApply:
                faults.FailCall(callNumber, FaultKind.ServiceFailure, afterApply: true);
                break;
            case SweepFault.TimeoutAfterApply:
                faults.FailCall(callNumber, FaultKind.Timeout, afterApply: true);
                break;
            case SweepFault.DroppedConnectionAfterApply:
                faults.FailCall(callNumber, FaultKind.DroppedConnection, afterApply: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }
}

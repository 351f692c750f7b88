namespace IamOps.Simulator;

// The path every API call takes: latency, rate limit, faults, authentication, authorization, apply, save, log.
public sealed partial class SimulatedAccount
{
    private readonly TokenBucket _rateLimit = new();
    private long _callCount;

    /// <summary>Added to every call, to model the round trip to a remote service (benchmarks of batch behaviour).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Mutating calls allowed per second across all callers (a token bucket holding one second's worth); beyond it a
    /// call fails with Throttling, as IAM's rate limits do. Zero, the default, means no limit.
    /// </summary>
    public double MutatingCallsPerSecond { get; set; }

    /// <summary>
    /// Runs one call: numbers it, applies a scheduled fault, authenticates the caller, applies the operation under the
    /// lock, saves when asked, and logs the outcome.
    /// </summary>
    /// <param name="permission">What the caller must be allowed (null: nothing, as for GetCallerIdentity).</param>
    internal T Invoke<T>(SimulatorCredentials credentials, string service, string operation, bool mutating, Func<CallerPrincipal, T> apply, Func<CallerPrincipal, Permission?>? permission = null)
    {
        if (Latency > TimeSpan.Zero)
        {
            Thread.Sleep(Latency);
        }

        var number = Interlocked.Increment(ref _callCount);
        if (mutating && !_rateLimit.TryTake(MutatingCallsPerSecond, Clock.UtcNow))
        {
            CallLog.Add(new SimulatorCall(number, service, operation, mutating, "Throttling", null, false));
            throw new ServiceError("Throttling", 400, "Rate exceeded");
        }

        var fault = Faults.Take(number, operation);
        string? caller = null;
        if (fault is { AfterApply: false })
        {
            CallLog.Add(new SimulatorCall(number, service, operation, mutating, fault.Outcome, null, false));
            throw fault.ToException();
        }

        T result;
        lock (Gate)
        {
            try
            {
                using var held = LockForChange(mutating);
                ReloadWhenChangedElsewhere();
                var principal = Authenticator.Authenticate(credentials, service);
                caller = principal.Arn;
                if (principal.UserSession is { MultiFactorAuthPresent: false } && service == "iam")
                {
                    // As in AWS: GetSessionToken credentials without MFA cannot call IAM at all.
                    throw ServiceError.AccessDenied($"User: {principal.Arn} is not authorized to perform: iam:{operation} because no MFA authentication information is included in the request: GetSessionToken credentials call IAM only when made with an MFA code.");
                }

                if (EnforcePermissions && permission?.Invoke(principal) is { } needed)
                {
                    Demand(principal, needed, service);
                }

                result = apply(principal);
                if (mutating)
                {
                    SaveChange();
                }
            }
            catch (ServiceError error)
            {
                CallLog.Add(new SimulatorCall(number, service, operation, mutating, error.Code, caller, false));
                throw;
            }
            catch (Exception ex) when (ex is not IamOpsException)
            {
                CallLog.Add(new SimulatorCall(number, service, operation, mutating, "InternalFailure", caller, false));
                throw;
            }
        }

        if (fault is not null)
        {
            CallLog.Add(new SimulatorCall(number, service, operation, mutating, fault.Outcome, caller, mutating));
            throw fault.ToException();
        }

        CallLog.Add(new SimulatorCall(number, service, operation, mutating, "Success", caller, mutating));
        return result;
    }

    /// <summary>EC2 words a denial its own way: UnauthorizedOperation, not AccessDenied.</summary>
    private void Demand(CallerPrincipal principal, Permission needed, string service)
    {
        try
        {
            Authorizer.Demand(principal, needed);
        }
        catch (ServiceError denied) when (service == "ec2" && denied.Code == "AccessDenied")
        {
            throw new ServiceError("UnauthorizedOperation", 403, "You are not authorized to perform this operation. " + denied.Message);
        }
    }
}

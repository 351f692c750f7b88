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
    /// <param name="alsoOn">Another account of the organization the call reaches too (a cross-account AssumeRole issues its session there): held under its lock with this one, and brought up to date first. Like a session issued in one account, its session is not written to the state file.</param>
    internal T Invoke<T>(SimulatorCredentials credentials, string service, string operation, bool mutating, Func<CallerPrincipal, T> apply, Func<CallerPrincipal, Permission?>? permission = null, SimulatedAccount? alsoOn = null)
    {
        if (Latency > TimeSpan.Zero)
        {
            Thread.Sleep(Latency);
        }

        var number = Interlocked.Increment(ref _callCount);
        if (mutating && !_rateLimit.TryTake(MutatingCallsPerSecond, Clock.UtcNow))
        {
            Log(new SimulatorCall(number, service, operation, mutating, "Throttling", null, false));
            throw new ServiceError("Throttling", 400, "Rate exceeded");
        }

        var fault = Faults.Take(number, operation);
        string? caller = null;
        string? signedWith = null;
        if (fault is { AfterApply: false })
        {
            Log(new SimulatorCall(number, service, operation, mutating, fault.Outcome, null, false));
            throw fault.ToException();
        }

        T result;
        var other = alsoOn == this ? null : alsoOn;
        using (AccountGates.Enter(this, other))
        {
            try
            {
                using var held = LockForChange(mutating);
                ReloadWhenChangedElsewhere();
                other?.ReloadWhenChangedElsewhere();
                var principal = Authenticator.Authenticate(credentials, service);
                signedWith = credentials.AccessKeyId;
                caller = principal.Arn;
                if (principal.UserSession is { MultiFactorAuthPresent: false } && service == "iam")
                {
                    // As in AWS: GetSessionToken credentials without MFA cannot call IAM at all.
                    throw ServiceError.AccessDenied($"User: {principal.Arn} is not authorized to perform: iam:{operation} because no MFA authentication information is included in the request: GetSessionToken credentials call IAM only when made with an MFA code.");
                }

                var needed = permission?.Invoke(principal);
                if (EnforcePermissions && needed is not null)
                {
                    Demand(principal, needed, service);
                }

                RecordServiceUse(principal, service, operation, needed);
                result = apply(principal);
                if (mutating)
                {
                    SaveChange();
                }
            }
            catch (ServiceError error)
            {
                Log(new SimulatorCall(number, service, operation, mutating, error.Code, caller, false) { AccessKeyId = signedWith });
                throw;
            }
            catch (Exception ex) when (ex is not IamOpsException)
            {
                Log(new SimulatorCall(number, service, operation, mutating, "InternalFailure", caller, false) { AccessKeyId = signedWith });
                throw;
            }
        }

        if (fault is not null)
        {
            Log(new SimulatorCall(number, service, operation, mutating, fault.Outcome, caller, mutating) { AccessKeyId = signedWith });
            throw fault.ToException();
        }

        Log(new SimulatorCall(number, service, operation, mutating, "Success", caller, mutating) { AccessKeyId = signedWith });
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

    /// <summary>Adds a call to this account's log (and its organization's), marked with the account.</summary>
    private void Log(SimulatorCall call)
    {
        var marked = call with { Account = AccountId };
        CallLog.Add(marked);
        Organization?.CallLog.Add(marked);
    }
}

using IamOps.Simulator.State;

namespace IamOps.Simulator;

// What the audit chores need from the account: a clock tests can age, console sign-ins, and Access Advisor's data
// recorded from the calls principals make.
public sealed partial class SimulatedAccount
{
    /// <summary>The services IAM tracks per action (Access Advisor's action-level data); others only per service.</summary>
    internal static readonly IReadOnlyCollection<string> ActionTrackedServices = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "iam", "ec2", "s3", "lambda" };

    /// <summary>
    /// How long a credential report takes to generate, on the account's clock: until then GenerateCredentialReport
    /// answers INPROGRESS and GetCredentialReport fails with ReportInProgress. Zero (the default) completes it at once.
    /// </summary>
    public TimeSpan CredentialReportGenerationTime { get; set; }

    /// <summary>The account's time (the clock plus any <see cref="AdvanceClock"/>), to the tick.</summary>
    public DateTime UtcNow => PreciseNow;

    internal DateTime PreciseNow => new(Clock.UtcNow.Ticks + Interlocked.Read(ref _clockOffsetTicks), DateTimeKind.Utc);

    // Mirrors State.ClockOffsetTicks so that reading the time needs no lock; refreshed whenever the state is.
    private long _clockOffsetTicks;

    /// <summary>
    /// Moves the account's time forward by <paramref name="by"/>: keys, passwords and reports age without waiting.
    /// Saved with the account, so every process sharing its state file sees the same time.
    /// </summary>
    public void AdvanceClock(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The account's clock only moves forward.");
        }

        ChangeAndSave(() =>
        {
            State.ClockOffsetTicks += by.Ticks;
            SyncClockOffset();
        });
    }

    /// <summary>
    /// A console sign-in by <paramref name="userName"/> with <paramref name="password"/>: the password's last use is
    /// recorded, as the credential report shows it. Fails with the console's own words for a wrong user or password.
    /// </summary>
    public void SignInToConsole(string userName, string password) => ChangeAndSave(() =>
    {
        if (!State.Users.TryGetValue(userName, out var user) || user.LoginProfile is not { } profile || !PasswordHash.Verify(password ?? string.Empty, profile.PasswordHash))
        {
            throw new IamOpsException("ConsoleSignInFailed", FailureKind.AuthenticationError, "Your authentication information is incorrect. Please try again.", userName);
        }

        profile.PasswordLastUsed = Now;
    });

    internal void SyncClockOffset() => Interlocked.Exchange(ref _clockOffsetTicks, State.ClockOffsetTicks);

    /// <summary>Records an authorized call against the caller's user or role: Access Advisor's service and action data.</summary>
    private void RecordServiceUse(CallerPrincipal principal, string service, string operation, Permission? needed)
    {
        var used = principal.User?.ServicesUsed
            ?? (principal.Session is { } session && State.Roles.TryGetValue(session.RoleName, out var role) ? role.ServicesUsed : null);
        if (used is null)
        {
            return;
        }

        var now = Now;
        if (needed is null)
        {
            Record(used, service, operation, now);
            return;
        }

        for (var permission = needed; permission is not null; permission = permission.Also)
        {
            var colon = permission.Action.IndexOf(':');
            Record(used, colon > 0 ? permission.Action.Substring(0, colon) : service, colon > 0 ? permission.Action.Substring(colon + 1) : operation, now);
        }
    }

    private static void Record(Dictionary<string, ServiceUseState> used, string serviceNamespace, string action, DateTime now)
    {
        if (!used.TryGetValue(serviceNamespace, out var use))
        {
            use = new ServiceUseState();
            used[serviceNamespace] = use;
        }

        use.LastAuthenticated = now;
        use.Region = "us-east-1";
        if (ActionTrackedServices.Contains(serviceNamespace))
        {
            use.Actions[action] = now;
        }
    }
}

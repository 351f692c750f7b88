namespace IamOps.AccountFanOut;

/// <summary>
/// Runs work once per account with at most <see cref="ThrottleLimit"/> accounts at a time, started in input order: first
/// the account's session (<c>connect</c>), then the work with it. A failing account is reported and the others go on.
/// Output comes as it is produced, or, with <see cref="Ordered"/>, account by account in input order (held back until
/// every account before it finished). Knows nothing of PowerShell: the cmdlet supplies the session and the work.
/// </summary>
/// <typeparam name="TSession">What connecting to an account gives the work (an assumed-role session).</typeparam>
public sealed class AccountFanOutRun<TSession>
{
    public const int DefaultThrottleLimit = 8;
    public const int MaximumThrottleLimit = 64;

    private readonly Func<FanOutAccount, CancellationToken, Task<TSession>> _connect;
    private readonly Func<FanOutAccount, TSession, FanOutOutput, CancellationToken, Task> _work;

    public AccountFanOutRun(Func<FanOutAccount, CancellationToken, Task<TSession>> connect, Func<FanOutAccount, TSession, FanOutOutput, CancellationToken, Task> work)
    {
        _connect = connect;
        _work = work;
    }

    /// <summary>How many accounts run at once (1 to <see cref="MaximumThrottleLimit"/>).</summary>
    public int ThrottleLimit { get; init; } = DefaultThrottleLimit;

    /// <summary>Deliver each account's output only after every account before it in the input finished.</summary>
    public bool Ordered { get; init; }

    /// <summary>
    /// Runs every account and returns the summary. Cancellation stops starting accounts, cancels those running, waits for
    /// them and then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<FanOutSummary> RunAsync(IReadOnlyList<FanOutAccount> accounts, FanOutEvents events, CancellationToken cancellationToken)
    {
        if (ThrottleLimit < 1 || ThrottleLimit > MaximumThrottleLimit)
        {
            throw new IamOpsException("ThrottleLimitOutOfRange", FailureKind.InvalidArgument,
                $"-ThrottleLimit {ThrottleLimit} is outside 1 to {MaximumThrottleLimit}.", ThrottleLimit);
        }

        var delivery = new FanOutDelivery(accounts, events, Ordered);
        var running = new List<Task>(accounts.Count);
        using (var slots = new SemaphoreSlim(ThrottleLimit, ThrottleLimit))
        {
            for (var index = 0; index < accounts.Count; index++)
            {
                try
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                // A slot freed by a cancelled account can win the race with the cancellation itself.
                if (cancellationToken.IsCancellationRequested)
                {
                    slots.Release();
                    break;
                }

                var position = index;
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await RunOneAsync(position, accounts[position], delivery, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return delivery.Summary();
    }

    private async Task RunOneAsync(int index, FanOutAccount account, FanOutDelivery delivery, CancellationToken cancellationToken)
    {
        delivery.Started(account);
        FanOutFailure? failure = null;
        var output = new FanOutOutput(account, item => delivery.Emit(index, item));
        try
        {
            TSession session;
            try
            {
                session = await _connect(account, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failed) when (!(failed is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                failure = FanOutFailure.From(account, FanOutStage.Connect, failed);
                return;
            }

            try
            {
                await _work(account, session, output, cancellationToken).ConfigureAwait(false);
                failure = output.Failure();
            }
            catch (Exception failed) when (!(failed is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                failure = FanOutFailure.From(account, FanOutStage.ScriptBlock, failed);
            }
        }
        finally
        {
            delivery.Complete(index, failure, cancellationToken.IsCancellationRequested && failure is null);
        }
    }
}

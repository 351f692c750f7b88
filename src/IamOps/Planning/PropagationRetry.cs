namespace IamOps.Planning;

/// <summary>
/// Retries a call that fails only because an IAM change made moments ago is not yet visible to the service being
/// called (e.g. EC2 calling a new instance profile "invalid"), as AWS advises: waits 1, 2, 4, 8 s, then every 15 s,
/// about 90 s in all, before the failure stands.
/// </summary>
public static class PropagationRetry
{
    private static readonly TimeSpan[] Waits =
    {
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15),
    };

    /// <summary>Waits with Task.Delay; tests pass one that moves a simulated clock instead.</summary>
    public static Task Sleep(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);

    /// <summary>All the waits of the schedule: how long a change gets to become visible when the caller names no window.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromTicks(Waits.Sum(w => w.Ticks));

    public static Task RunAsync(Func<Task> call, Func<IamOpsException, bool> notYetVisible, Func<TimeSpan, CancellationToken, Task> wait, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, notYetVisible, wait, cancellationToken);

    /// <param name="window">How long to keep retrying in all; the last pause is cut to fit. Default <see cref="DefaultWindow"/>.</param>
    /// <param name="waiting">Told each attempt number and pause before it is waited, e.g. for verbose output.</param>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, Func<IamOpsException, bool> notYetVisible, Func<TimeSpan, CancellationToken, Task> wait, CancellationToken cancellationToken,
        TimeSpan? window = null, Action<int, TimeSpan>? waiting = null)
    {
        var left = window ?? DefaultWindow;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (IamOpsException failure) when (left > TimeSpan.Zero && notYetVisible(failure))
            {
                var next = Waits[Math.Min(attempt, Waits.Length - 1)];
                var pause = next < left ? next : left;
                left -= pause;
                waiting?.Invoke(attempt + 1, pause);
                await wait(pause, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

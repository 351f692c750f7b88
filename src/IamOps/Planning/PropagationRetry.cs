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

    public static async Task RunAsync(Func<Task> call, Func<IamOpsException, bool> notYetVisible, Func<TimeSpan, CancellationToken, Task> wait, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call().ConfigureAwait(false);
                return;
            }
            catch (IamOpsException failure) when (attempt < Waits.Length && notYetVisible(failure))
            {
                await wait(Waits[attempt], cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

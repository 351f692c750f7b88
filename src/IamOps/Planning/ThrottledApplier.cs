namespace IamOps.Planning;

/// <summary>
/// Applies the approved changes of many items (users of a batch) in order per item, items in parallel under an
/// <see cref="AdaptiveConcurrency"/> limit; throttling beyond the SDK's retries halves the limit and retries the change.
/// Shared by the bulk cmdlets (onboarding, offboarding); it never touches PowerShell.
/// </summary>
public sealed class ThrottledApplier
{
    /// <summary>Attempts per change while AWS keeps throttling (after the SDK's own retries).</summary>
    internal const int ThrottleAttempts = 5;
    private readonly AdaptiveConcurrency _concurrency;

    public ThrottledApplier(int throttleLimit) => _concurrency = new AdaptiveConcurrency(throttleLimit);

    /// <summary>The wait before attempt n + 1 of a throttled change; tests that sweep faults set it to zero.</summary>
    public Func<int, TimeSpan> Backoff { get; set; } = attempt => TimeSpan.FromMilliseconds(Math.Min(20_000, 250 * Math.Pow(2, attempt)));

    /// <summary>Runs <paramref name="work"/> (reads, planning) under the concurrency limit.</summary>
    public async Task<T> LimitAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _concurrency.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _concurrency.Exit();
        }
    }

    /// <summary>Applies one item's changes in order under the limit, stopping at the first failure (the rest are NotAttempted).</summary>
    public Task<IReadOnlyList<AppliedChange>> ApplyItemAsync(IReadOnlyList<PlannedChange> approved, CancellationToken cancellationToken) =>
        LimitAsync(() => ApplyInOrderAsync(approved, cancellationToken), cancellationToken);

    /// <summary>Applies changes in order, stopping at the first failure; throttling slows the batch and retries.</summary>
    public async Task<IReadOnlyList<AppliedChange>> ApplyInOrderAsync(IReadOnlyList<PlannedChange> approved, CancellationToken cancellationToken)
    {
        var results = new List<AppliedChange>();
        foreach (var change in approved)
        {
            if (results.Any(r => r.Outcome == ChangeOutcome.Failed))
            {
                results.Add(new AppliedChange(change, ChangeOutcome.NotAttempted));
                continue;
            }

            results.Add(await ApplyWithBackoffAsync(change, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<AppliedChange> ApplyWithBackoffAsync(PlannedChange change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await ChangeRunner.RunAsync(change, cancellationToken).ConfigureAwait(false);
            if (result.Failure is null)
            {
                _concurrency.OnSuccess();
                return result;
            }

            if (!IsThrottling(result.Failure) || attempt >= ThrottleAttempts)
            {
                return result;
            }

            _concurrency.OnThrottled();
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsThrottling(IamOpsException failure) => failure.AwsErrorCode is "Throttling" or "ThrottlingException" or "RequestLimitExceeded";
}

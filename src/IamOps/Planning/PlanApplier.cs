using System.Diagnostics;

namespace IamOps.Planning;

/// <summary>
/// The one applier every mutating capability uses: it runs planned changes under the caller's ShouldProcess callback,
/// reports outcomes and a batch's progress through <see cref="ApplyCallbacks"/>, and never touches PowerShell.
/// A plan goes change by change, each asked and applied before the next is asked, and stops at the first failure (the
/// rest are NotAttempted, and a re-run picks them up). A batch asks about all its items first, in input order, then
/// applies the items in parallel under an adaptive limit (throttling halves it), each item's changes in order.
/// A change AWS refused by throttling is sent again after a back-off; any other failure stands. The once-only rule:
/// a change that returns a secret (<see cref="PlannedChange.ReturnsSecret"/>) is sent again only after such a refusal,
/// never after a failure that may have landed, which would make a second key or lose the password in force.
/// </summary>
public sealed class PlanApplier
{
    /// <summary>Attempts per change while AWS keeps throttling (after the SDK's own retries).</summary>
    public const int ThrottleAttempts = 5;

    private readonly AdaptiveConcurrency _concurrency;

    /// <param name="throttleLimit">How many items of a batch run at once (at most; throttling lowers it for a while).</param>
    public PlanApplier(ApplyCallbacks callbacks, int throttleLimit = 1)
    {
        Callbacks = callbacks;
        _concurrency = new AdaptiveConcurrency(throttleLimit);
    }

    public ApplyCallbacks Callbacks { get; }

    /// <summary>The wait before attempt n + 1 of a throttled change; tests that sweep faults set it to zero.</summary>
    public Func<int, TimeSpan> Backoff { get; set; } = attempt => TimeSpan.FromMilliseconds(Math.Min(20_000, 250 * Math.Pow(2, attempt)));

    /// <summary>Runs <paramref name="work"/> (reads, planning) under the batch's concurrency limit.</summary>
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

    /// <summary>Applies a plan in order, each change under ShouldProcess; after a failure the rest are not attempted, as they may build on it.</summary>
    public async Task<IReadOnlyList<AppliedChange>> ApplyAsync(IEnumerable<PlannedChange> plan, CancellationToken cancellationToken)
    {
        var results = new List<AppliedChange>();
        var halted = false;
        foreach (var change in plan)
        {
            var result = halted ? Report(new AppliedChange(change, ChangeOutcome.NotAttempted)) : await ApplyOneAsync(change, cancellationToken).ConfigureAwait(false);
            halted |= result.Outcome == ChangeOutcome.Failed;
            results.Add(result);
        }

        return results;
    }

    /// <summary>
    /// Reports a plan's warnings, then applies it (<see cref="ApplyAsync"/>); when a change failed, throws the error that
    /// names <paramref name="subject"/>, says what was already done, and that a re-run finishes it.
    /// </summary>
    public async Task<IReadOnlyList<AppliedChange>> ApplyPlanAsync(IEnumerable<string> warnings, IEnumerable<PlannedChange> changes, string subject, object? target, CancellationToken cancellationToken)
    {
        foreach (var warning in warnings)
        {
            Callbacks.Warning?.Invoke(warning);
        }

        var applied = await ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
        return PlanFailure.Explain(applied, subject, target) is { } failed ? throw failed : applied;
    }

    /// <summary>Applies changes that do not build on each other (the groups a batch shares): a failure stops none of the others.</summary>
    public async Task<IReadOnlyList<AppliedChange>> ApplyEachAsync(IEnumerable<PlannedChange> changes, CancellationToken cancellationToken)
    {
        var results = new List<AppliedChange>();
        foreach (var change in changes)
        {
            results.Add(await ApplyOneAsync(change, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>One change: asked, announced, sent (again only after a refusal), reported.</summary>
    public async Task<AppliedChange> ApplyOneAsync(PlannedChange change, CancellationToken cancellationToken)
    {
        if (!Callbacks.ShouldProcess(ApprovalQuestion.For(change)))
        {
            return Report(new AppliedChange(change, ChangeOutcome.Skipped));
        }

        Callbacks.Applying?.Invoke(change);
        return Report(await SendAsync(change, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Applies many items' plans: first asks about every item in input order (each change, or the whole plan once when
    /// <paramref name="askOnce"/> gives the question for item i), then applies the approved changes, items in parallel under the
    /// limit, each in order stopping at its first failure. The results are per item, in plan order: declined changes
    /// Skipped. <see cref="ApplyCallbacks.Progress"/> hears of each finished item.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<AppliedChange>>> ApplyBatchAsync(IReadOnlyList<IReadOnlyList<PlannedChange>> plans, Func<int, ApprovalQuestion>? askOnce, CancellationToken cancellationToken)
    {
        var approvals = plans.Select((plan, i) => askOnce is null
            ? plan.Select(c => Callbacks.ShouldProcess(ApprovalQuestion.For(c))).ToList()
            : Enumerable.Repeat(plan.Count > 0 && Callbacks.ShouldProcess(askOnce(i)), plan.Count).ToList()).ToList();

        var clock = Stopwatch.StartNew();
        var done = 0;
        var results = await Task.WhenAll(plans.Select(async (plan, i) =>
        {
            var approved = plan.Where((_, j) => approvals[i][j]).ToList();
            var applied = approved.Count == 0
                ? Array.Empty<AppliedChange>() as IReadOnlyList<AppliedChange>
                : await LimitAsync(() => ApplyApprovedAsync(approved, cancellationToken), cancellationToken).ConfigureAwait(false);
            var next = 0;
            var outcomes = plan.Select((c, j) => approvals[i][j] ? applied[next++] : new AppliedChange(c, ChangeOutcome.Skipped)).ToList();
            Callbacks.Progress?.Invoke(new ApplyProgress(Interlocked.Increment(ref done), plans.Count, clock.Elapsed));
            return (IReadOnlyList<AppliedChange>)outcomes;
        })).ConfigureAwait(false);
        Callbacks.Progress?.Invoke(new ApplyProgress(plans.Count, plans.Count, clock.Elapsed) { Completed = true });
        return results;
    }

    /// <summary>Approved changes in order, stopping at the first failure; nothing is asked or reported per change.</summary>
    private async Task<IReadOnlyList<AppliedChange>> ApplyApprovedAsync(IReadOnlyList<PlannedChange> approved, CancellationToken cancellationToken)
    {
        var results = new List<AppliedChange>();
        foreach (var change in approved)
        {
            results.Add(results.Any(r => r.Outcome == ChangeOutcome.Failed)
                ? new AppliedChange(change, ChangeOutcome.NotAttempted)
                : await SendAsync(change, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private AppliedChange Report(AppliedChange result)
    {
        Callbacks.Applied?.Invoke(result);
        return result;
    }

    /// <summary>Sends a change; a refusal (throttling) slows the batch and sends it again, up to <see cref="ThrottleAttempts"/>.</summary>
    private async Task<AppliedChange> SendAsync(PlannedChange change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            IamOpsException failure;
            try
            {
                await change.Apply(cancellationToken).ConfigureAwait(false);
                _concurrency.OnSuccess();
                return new AppliedChange(change, ChangeOutcome.Applied);
            }
            catch (IamOpsException failed)
            {
                failure = failed;
            }

            if (attempt >= ThrottleAttempts || !MaySendAgain(change, failure))
            {
                return new AppliedChange(change, ChangeOutcome.Failed, failure);
            }

            _concurrency.OnThrottled();
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Only a refusal is retried; for a secret-returning change, only a refusal that cannot have landed.</summary>
    private static bool MaySendAgain(PlannedChange change, IamOpsException failure) =>
        IsRefusal(failure) && (!change.ReturnsSecret || !MayHaveLanded(failure));

    private static bool IsRefusal(IamOpsException failure) => failure.AwsErrorCode is "Throttling" or "ThrottlingException" or "RequestLimitExceeded";

    /// <summary>No answer, or AWS failed while handling the call: it may have been applied, and its secret is lost.</summary>
    private static bool MayHaveLanded(IamOpsException failure) =>
        failure.Kind is FailureKind.ConnectionError or FailureKind.OperationTimeout or FailureKind.ResourceUnavailable;
}

using IamOps.Aws;
using IamOps.Planning;

namespace IamOps.Offboarding;

/// <summary>
/// Offboards many users: plans each (reads only, bounded concurrency), then applies the approved changes user by user,
/// users in parallel under the adaptive limit. It never touches PowerShell: the cmdlet asks for approval
/// (ShouldProcess) between planning and applying, on the pipeline thread.
/// </summary>
public sealed class OffboardingBatch
{
    private readonly OffboardingPlanner _planner;
    private readonly ThrottledApplier _applier;

    public OffboardingBatch(IAwsConnection aws, int throttleLimit, Func<DateTime>? utcNow = null)
    {
        _planner = new OffboardingPlanner(aws, utcNow);
        _applier = new ThrottledApplier(throttleLimit);
    }

    /// <summary>The wait before attempt n + 1 of a throttled change; tests that sweep faults set it to zero.</summary>
    public Func<int, TimeSpan> Backoff
    {
        get => _applier.Backoff;
        set => _applier.Backoff = value;
    }

    /// <summary>Plans every user; one whose reads fail carries its failure and is not applied.</summary>
    public async Task<IReadOnlyList<OffboardingOutcome>> PlanAsync(IReadOnlyList<OffboardingRequest> requests, CancellationToken cancellationToken) =>
        await Task.WhenAll(requests.Select(async request =>
        {
            try
            {
                var plan = await _applier.LimitAsync(() => _planner.PlanAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
                return new OffboardingOutcome(request, plan, Array.Empty<AppliedChange>(), null);
            }
            catch (IamOpsException failure)
            {
                return new OffboardingOutcome(request, null, Array.Empty<AppliedChange>(), failure);
            }
        })).ConfigureAwait(false);

    /// <summary>
    /// Applies each user's approved changes (all of its plan, or none when declined: then they are Skipped);
    /// <paramref name="finished"/> hears of each user as it completes, from any thread.
    /// </summary>
    public async Task<IReadOnlyList<OffboardingOutcome>> ApplyAsync(IReadOnlyList<(OffboardingOutcome Planned, bool Approved)> work, Action<OffboardingOutcome> finished, CancellationToken cancellationToken) =>
        await Task.WhenAll(work.Select(async item =>
        {
            var planned = item.Planned;
            OffboardingOutcome outcome;
            if (planned.Plan is null || planned.Plan.Changes.Count == 0)
            {
                outcome = planned;
            }
            else if (!item.Approved)
            {
                outcome = planned with { Applied = planned.Plan.Changes.Select(c => new AppliedChange(c, ChangeOutcome.Skipped)).ToList() };
            }
            else
            {
                var applied = await _applier.ApplyItemAsync(planned.Plan.Changes, cancellationToken).ConfigureAwait(false);
                var failed = applied.FirstOrDefault(a => a.Failure is not null);
                outcome = planned with
                {
                    Applied = applied,
                    Failure = failed is null ? null : PlanFailure.Explain(applied, "user " + planned.Request.UserName, planned.Request.UserName),
                };
            }

            finished(outcome);
            return outcome;
        })).ConfigureAwait(false);
}

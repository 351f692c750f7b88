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
    private readonly PlanApplier _applier;

    /// <param name="callbacks">ShouldProcess (once per user) and progress; null approves everything and reports nothing.</param>
    public OffboardingBatch(IAwsConnection aws, int throttleLimit, Func<DateTime>? utcNow = null, ApplyCallbacks? callbacks = null)
    {
        _planner = new OffboardingPlanner(aws, utcNow);
        _applier = new PlanApplier(callbacks ?? ApplyCallbacks.ApproveAll, throttleLimit);
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
    /// Asks once per user (the question lists every step, so -WhatIf shows them all and -Confirm asks once), then
    /// applies the approved users' plans, users in parallel under the adaptive limit; a declined user's changes are Skipped.
    /// </summary>
    public async Task<IReadOnlyList<OffboardingOutcome>> ApplyAsync(IReadOnlyList<OffboardingOutcome> planned, CancellationToken cancellationToken)
    {
        var plans = planned.Select(p => p.Plan?.Changes ?? (IReadOnlyList<PlannedChange>)Array.Empty<PlannedChange>()).ToList();
        var results = await _applier.ApplyBatchAsync(plans, i => Question(planned[i].Plan!), cancellationToken).ConfigureAwait(false);
        return planned.Select((item, i) =>
        {
            if (item.Plan is null || item.Plan.Changes.Count == 0)
            {
                return item;
            }

            var applied = results[i];
            var failed = applied.FirstOrDefault(a => a.Failure is not null);
            return item with
            {
                Applied = applied,
                Failure = failed is null ? null : PlanFailure.Explain(applied, "user " + item.Request.UserName, item.Request.UserName),
            };
        }).ToList();
    }

    /// <summary>One question per user whose description lists every step.</summary>
    private static ApprovalQuestion Question(OffboardingPlan plan)
    {
        var steps = string.Join(Environment.NewLine, plan.Changes.Select((c, i) => $"  {i + 1}. {c.Description} {c.Target}"));
        var action = plan.Request.Disable ? "Disable" : "Remove";
        return new ApprovalQuestion("user " + plan.Request.UserName, action)
        {
            Description = $"{action} IAM user '{plan.Request.UserName}' in {plan.Changes.Count} step(s):{Environment.NewLine}{steps}",
            Warning = $"{action} IAM user '{plan.Request.UserName}' ({plan.Changes.Count} step(s): {string.Join("; ", plan.Changes.Select(c => c.Description + " " + c.Target))})?",
            Caption = "Remove-IamDeveloper",
        };
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using IamOps.Accounts;
using IamOps.Offboarding;
using IamOps.Planning;

namespace IamOps.Cmdlets;

/// <summary>
/// Offboards developers, one or many: removes everything IAM requires, in its order, then the user; or with -Disable
/// keeps the user with no way in. One confirmation per user, listing every step.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "IamDeveloper", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(OffboardingResult))]
public sealed class RemoveIamDeveloperCommand : IamOpsCmdlet
{
    private readonly List<OffboardingRequest> _requests = new();
    private readonly List<(OffboardingRequest Request, IamOpsException? Rejection)> _inputs = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "User")]
    [UserNameCompletion]
    [AllowEmptyString]
    public string UserName { get; set; } = string.Empty;

    /// <summary>Keep the user: deactivate its access keys, remove its console password and groups, tag it iamops:offboarded.</summary>
    [Parameter]
    public SwitchParameter Disable { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void ProcessRecord()
    {
        var request = new OffboardingRequest { UserName = (UserName ?? string.Empty).Trim(), Disable = Disable };
        try
        {
            OffboardingPlanner.Validate(request);
            if (_requests.Any(r => string.Equals(r.UserName, request.UserName, StringComparison.OrdinalIgnoreCase)))
            {
                // The same user twice is one offboarding: its result comes once.
                WriteVerbose($"'{request.UserName}' appears more than once in the input; it is offboarded once.");
                return;
            }

            _requests.Add(request);
            _inputs.Add((request, null));
        }
        catch (IamOpsException invalid)
        {
            _inputs.Add((request, invalid));
            WriteFailure(invalid, request.UserName);
        }
    }

    protected override void EndProcessing()
    {
        if (_requests.Count == 0)
        {
            WriteResults(string.Empty, Array.Empty<OffboardingOutcome>());
            return;
        }

        try
        {
            Offboard();
        }
        catch (IamOpsException failure)
        {
            ThrowFailure(failure);
        }
    }

    private void Offboard()
    {
        var connection = Connection;
        var account = Await(token => AccountContext.LoadAsync(connection, token));
        var batch = new OffboardingBatch(connection, ThrottleLimit);
        var planned = Await(token => batch.PlanAsync(_requests, token));
        var work = planned.Select(p => (Planned: p, Approved: p.Plan is not { Changes.Count: > 0 } plan || Approve(plan))).ToList();

        var finished = new ConcurrentQueue<OffboardingOutcome>();
        var clock = Stopwatch.StartNew();
        var applying = Task.Run(() => batch.ApplyAsync(work, finished.Enqueue, StopToken), StopToken);
        var progress = new ProgressRecord(1, Disable ? "Disabling developers" : "Removing developers", "Starting");
        var done = 0;
        while (!applying.Wait(TimeSpan.FromMilliseconds(100)))
        {
            while (finished.TryDequeue(out _))
            {
                done++;
            }

            progress.StatusDescription = $"{done} of {_requests.Count} developers";
            progress.PercentComplete = (int)(100.0 * done / _requests.Count);
            progress.SecondsRemaining = done == 0 ? -1 : (int)(clock.Elapsed.TotalSeconds / done * (_requests.Count - done));
            WriteProgress(progress);
        }

        var outcomes = Await(_ => applying);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        WriteResults(account.AccountId, outcomes);
    }

    /// <summary>One ShouldProcess per user whose message lists every step, so -WhatIf shows them all and -Confirm asks once.</summary>
    private bool Approve(OffboardingPlan plan)
    {
        var steps = string.Join(Environment.NewLine, plan.Changes.Select((c, i) => $"  {i + 1}. {c.Description} {c.Target}"));
        var action = plan.Request.Disable ? "Disable" : "Remove";
        return ShouldProcess(
            $"{action} IAM user '{plan.Request.UserName}' in {plan.Changes.Count} step(s):{Environment.NewLine}{steps}",
            $"{action} IAM user '{plan.Request.UserName}' ({plan.Changes.Count} step(s): {string.Join("; ", plan.Changes.Select(c => c.Description + " " + c.Target))})?",
            "Remove-IamDeveloper");
    }

    /// <summary>One result per input in input order, rejected ones included; errors for failures; a summary in the verbose stream.</summary>
    private void WriteResults(string account, IReadOnlyList<OffboardingOutcome> outcomes)
    {
        var counts = new Dictionary<OffboardingStatus, int>();
        var next = 0;
        foreach (var (request, rejection) in _inputs)
        {
            OffboardingResult result;
            if (rejection is not null)
            {
                result = OffboardingResult.From(account, request, null, Array.Empty<AppliedChange>(), rejection);
            }
            else
            {
                var outcome = outcomes[next++];
                if (outcome.Failure is not null)
                {
                    WriteFailure(outcome.Failure, request.UserName);
                }

                result = OffboardingResult.From(account, request, outcome.Plan, outcome.Applied, outcome.Failure);
                if (result.Note is not null)
                {
                    WriteVerbose(result.Note);
                }
            }

            counts[result.Status] = counts.TryGetValue(result.Status, out var n) ? n + 1 : 1;
            WriteObject(result);
        }

        WriteVerbose("Developers: " + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key}")) + ".");
    }
}

using IamOps.Aws;
using IamOps.Planning;
using IamOps.Simulator;

namespace IamOps.Tests.Planning;

/// <summary>The one applier: ShouldProcess, the concurrency bound, the once-only rule for secrets, outcomes and progress.</summary>
public sealed class PlanApplierTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new("111122223333");
    private readonly IIam _iam;

    public PlanApplierTests()
    {
        _iam = _account.Connect().Iam;
        _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None).GetAwaiter().GetResult();
        _account.CallLog.Clear();
    }

    private PlannedChange CreateGroup(string name) =>
        new(ChangeKind.Create, "group " + name, "Create group", "it does not exist", ct => _iam.CreateGroupAsync(name, null, ct));

    private PlannedChange CreateAccessKey(Action<NewAccessKey> delivered) =>
        new(ChangeKind.Create, "user alice", "Create access key for", "asked", async ct => delivered(await _iam.CreateAccessKeyAsync("alice", ct))) { ReturnsSecret = true };

    private static PlanApplier Applier(ApplyCallbacks callbacks, int throttleLimit = 1) => new(callbacks, throttleLimit) { Backoff = _ => TimeSpan.Zero };

    [Fact]
    public async Task A_declining_ShouldProcess_callback_makes_no_mutating_call_in_a_plan_or_a_batch()
    {
        var asked = new List<string>();
        var applier = Applier(new ApplyCallbacks { ShouldProcess = q => { asked.Add(q.Action + " " + q.Target); return false; } }, throttleLimit: 4);

        var plan = await applier.ApplyAsync(new[] { CreateGroup("a"), CreateGroup("b") }, None);
        var batch = await applier.ApplyBatchAsync(new[] { new[] { CreateGroup("c") }, new[] { CreateGroup("d"), CreateGroup("e") } }, askOnce: null, None);

        Assert.Empty(_account.CallLog.MutatingCalls);
        Assert.All(plan.Concat(batch.SelectMany(b => b)), a => Assert.Equal(ChangeOutcome.Skipped, a.Outcome));
        Assert.Equal(new[] { "Create group group a", "Create group group b", "Create group group c", "Create group group d", "Create group group e" }, asked);
    }

    [Fact]
    public async Task A_plan_declined_as_a_whole_is_asked_once_and_skipped_whole()
    {
        var questions = new List<ApprovalQuestion>();
        var applier = Applier(new ApplyCallbacks { ShouldProcess = q => { questions.Add(q); return q.Target != "user bob"; } });

        var results = await applier.ApplyBatchAsync(new[] { new[] { CreateGroup("a"), CreateGroup("b") }, new[] { CreateGroup("c") } },
            i => new ApprovalQuestion(i == 0 ? "user alice" : "user bob", "Remove") { Caption = "Remove-IamDeveloper" }, None);

        Assert.Equal(new[] { "user alice", "user bob" }, questions.Select(q => q.Target));
        Assert.Equal(new[] { ChangeOutcome.Applied, ChangeOutcome.Applied }, results[0].Select(a => a.Outcome));
        Assert.Equal(ChangeOutcome.Skipped, Assert.Single(results[1]).Outcome);
        Assert.Equal(new[] { "CreateGroup", "CreateGroup" }, _account.CallLog.MutatingCalls.Select(c => c.Operation));
    }

    [Fact]
    public async Task A_batch_never_runs_more_items_at_once_than_its_limit()
    {
        const int limit = 3;
        var running = 0;
        var most = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        PlannedChange Slow(int i) => new(ChangeKind.Create, "item " + i, "Create", "test", async _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            if (now == limit)
            {
                full.TrySetResult();
            }

            await release.Task;
            Interlocked.Decrement(ref running);
        });

        var applying = Applier(ApplyCallbacks.ApproveAll, limit).ApplyBatchAsync(Enumerable.Range(0, 10).Select(i => (IReadOnlyList<PlannedChange>)new[] { Slow(i) }).ToList(), null, None);
        await full.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var whileFull = Volatile.Read(ref running);
        release.SetResult();
        var results = await applying;

        Assert.Equal(limit, whileFull);
        Assert.Equal(limit, most);
        Assert.All(results, r => Assert.Equal(ChangeOutcome.Applied, Assert.Single(r).Outcome));
    }

    [Theory]
    [InlineData(FaultKind.ServiceFailure)]
    [InlineData(FaultKind.Timeout)]
    [InlineData(FaultKind.DroppedConnection)]
    public async Task A_secret_returning_call_whose_answer_was_lost_is_never_sent_again(FaultKind kind)
    {
        _account.Faults.FailOperation("CreateAccessKey", kind, afterApply: true);
        var delivered = new List<NewAccessKey>();

        var results = await Applier(ApplyCallbacks.ApproveAll).ApplyAsync(new[] { CreateAccessKey(delivered.Add), CreateGroup("after") }, None);

        Assert.Single(_account.CallLog.Of("CreateAccessKey"));
        Assert.Equal(new[] { ChangeOutcome.Failed, ChangeOutcome.NotAttempted }, results.Select(r => r.Outcome));
        Assert.Empty(delivered);
        Assert.Empty(_account.CallLog.Of("CreateGroup"));
    }

    [Fact]
    public async Task A_refused_secret_returning_call_is_sent_again_and_its_secret_delivered_once()
    {
        _account.Faults.FailOperation("CreateAccessKey", FaultKind.Throttling, times: 2);
        var delivered = new List<NewAccessKey>();

        var result = Assert.Single(await Applier(ApplyCallbacks.ApproveAll).ApplyAsync(new[] { CreateAccessKey(delivered.Add) }, None));

        Assert.Equal(ChangeOutcome.Applied, result.Outcome);
        Assert.Equal(new[] { "Throttling", "Throttling", "Success" }, _account.CallLog.Of("CreateAccessKey").Select(c => c.Outcome));
        var key = Assert.Single(delivered);
        Assert.Equal(key.AccessKeyId, Assert.Single(await IamLookup.ToListAsync(_iam.ListAccessKeysAsync("alice", None), None)).AccessKeyId);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_attempts_fails_the_change()
    {
        _account.Faults.FailOperation("CreateGroup", FaultKind.Throttling, times: PlanApplier.ThrottleAttempts);

        var result = Assert.Single(await Applier(ApplyCallbacks.ApproveAll).ApplyAsync(new[] { CreateGroup("a") }, None));

        Assert.Equal(ChangeOutcome.Failed, result.Outcome);
        Assert.Equal(PlanApplier.ThrottleAttempts, _account.CallLog.Of("CreateGroup").Count);
    }

    [Fact]
    public async Task Outcomes_are_reported_in_order_and_a_failure_stops_the_rest_of_its_plan()
    {
        _account.Faults.FailOperation("CreateGroup", FaultKind.ServiceFailure);
        var applying = new List<string>();
        var reported = new List<(string, ChangeOutcome)>();
        var callbacks = new ApplyCallbacks { Applying = c => applying.Add(c.Target), Applied = a => reported.Add((a.Change.Target, a.Outcome)) };
        var plan = new[]
        {
            new PlannedChange(ChangeKind.Update, "user alice", "Tag", "test", ct => _iam.TagUserAsync("alice", new[] { new IamTag("team", "web") }, ct)),
            CreateGroup("a"),
            CreateGroup("b"),
        };

        var results = await Applier(callbacks).ApplyAsync(plan, None);

        Assert.Equal(new[] { ("user alice", ChangeOutcome.Applied), ("group a", ChangeOutcome.Failed), ("group b", ChangeOutcome.NotAttempted) }, reported);
        Assert.Equal(new[] { "user alice", "group a" }, applying);
        Assert.Equal(reported.Select(r => r.Item2), results.Select(r => r.Outcome));
        Assert.Equal("AwsServiceFailure", results[1].Failure!.ErrorId);
    }

    [Fact]
    public async Task A_batch_reports_progress_after_each_item_and_once_complete()
    {
        var progress = new List<ApplyProgress>();
        var gate = new object();
        var callbacks = new ApplyCallbacks { Progress = p => { lock (gate) { progress.Add(p); } } };

        await Applier(callbacks, throttleLimit: 2).ApplyBatchAsync(new[] { new[] { CreateGroup("a") }, new[] { CreateGroup("b") }, Array.Empty<PlannedChange>() }, null, None);

        Assert.Equal(new[] { 1, 2, 3, 3 }, progress.Select(p => p.Done).Order());
        Assert.All(progress, p => Assert.Equal(3, p.Total));
        Assert.True(progress[^1].Completed);
        Assert.Equal(1, progress.Count(p => p.Completed));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

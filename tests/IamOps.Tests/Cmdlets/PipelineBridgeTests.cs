using System.Management.Automation;
using IamOps.Cmdlets;
using IamOps.Planning;

namespace IamOps.Tests.Cmdlets;

/// <summary>
/// The one way work on other threads reaches PowerShell's streams: everything posted while a batch runs (verbose
/// messages, progress) is written on the pipeline thread, in order, none dropped; questions are answered there.
/// </summary>
public sealed class PipelineBridgeTests
{
    [Fact]
    public void Verbose_messages_posted_while_a_batch_reports_progress_all_arrive_in_order_on_the_pipeline_thread()
    {
        var bridge = new PipelineBridge();
        var pipelineThread = Environment.CurrentManagedThreadId;
        var written = new List<string>();
        var offThread = 0;
        void Write(string line)
        {
            offThread += Environment.CurrentManagedThreadId == pipelineThread ? 0 : 1;
            written.Add(line);
        }

        var callbacks = new ApplyCallbacks { Progress = p => bridge.Post(() => Write($"progress {p.Done}/{p.Total}{(p.Completed ? " completed" : string.Empty)}")) };
        var plans = Enumerable.Range(0, 8).Select(i => (IReadOnlyList<PlannedChange>)new[]
        {
            new PlannedChange(ChangeKind.Create, "user " + i, "Create user", "test", async _ =>
            {
                for (var n = 0; n < 5; n++)
                {
                    var message = $"verbose {i}.{n}";
                    bridge.Post(() => Write(message));
                    await Task.Yield();
                }
            }),
        }).ToList();

        bridge.Run(token => new PlanApplier(callbacks, throttleLimit: 4).ApplyBatchAsync(plans, null, token));

        Assert.Equal(0, offThread);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(Enumerable.Range(0, 5).Select(n => $"verbose {i}.{n}"), written.Where(w => w.StartsWith($"verbose {i}.", StringComparison.Ordinal)));
        }

        Assert.Equal(8 * 5, written.Count(w => w.StartsWith("verbose", StringComparison.Ordinal)));
        Assert.Equal(9, written.Count(w => w.StartsWith("progress", StringComparison.Ordinal)));
        Assert.Equal("progress 8/8 completed", written[^1]);
    }

    [Fact]
    public void A_question_from_a_worker_is_answered_on_the_pipeline_thread_after_what_was_posted_before_it()
    {
        var bridge = new PipelineBridge();
        var pipelineThread = Environment.CurrentManagedThreadId;
        var written = new List<string>();

        var answer = bridge.Run(async _ =>
        {
            await Task.Yield();
            bridge.Post(() => written.Add("before"));
            var answered = bridge.Ask(() =>
            {
                written.Add("asked on the pipeline thread: " + (Environment.CurrentManagedThreadId == pipelineThread));
                return 42;
            });
            bridge.Post(() => written.Add("after"));
            return answered;
        });

        Assert.Equal(42, answer);
        Assert.Equal(new[] { "before", "asked on the pipeline thread: True", "after" }, written);
    }

    [Fact]
    public void Stopping_ends_the_wait_as_a_stopped_pipeline()
    {
        var bridge = new PipelineBridge();

        Assert.Throws<PipelineStoppedException>(() => bridge.Run<bool>(async token =>
        {
            bridge.Stop();
            await Task.Delay(Timeout.Infinite, token);
            return true;
        }));
    }
}

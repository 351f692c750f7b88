using System.Collections.Concurrent;
using System.Management.Automation;

namespace IamOps.Cmdlets;

/// <summary>
/// The async bridge and stream queue: runs a capability's async work off the pipeline thread and brings what it has
/// for PowerShell (verbose and warning messages, progress, ShouldProcess questions) back to the pipeline thread, in
/// the order it was sent, while the work runs and once more after it ends; Ctrl+C cancels the work. Only the pipeline
/// thread may write to PowerShell's streams, so everything a worker thread writes goes through here.
/// </summary>
internal sealed class PipelineBridge
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<bool> _posted = NewSignal();
    private int _pipelineThread = -1;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    public CancellationToken StopToken => _stopping.Token;

    /// <summary>Called from StopProcessing.</summary>
    public void Stop() => _stopping.Cancel();

    /// <summary>Runs <paramref name="operation"/> on the thread pool and, on this (the pipeline) thread, what it posts until it ends.</summary>
    public T Run<T>(Func<CancellationToken, Task<T>> operation)
    {
        var outer = _pipelineThread;
        _pipelineThread = Environment.CurrentManagedThreadId;
        try
        {
            var task = Task.Run(() => operation(_stopping.Token), _stopping.Token);
            var waiting = new Task[2];
            waiting[0] = task;
            while (true)
            {
                // Taken before draining: a post that lands after the drain completes it and wakes the wait at once.
                var posted = Volatile.Read(ref _posted);
                RunPosted();
                if (task.IsCompleted)
                {
                    break;
                }

                // WaitAny does not throw for a failed task and, unlike AsyncWaitHandle, makes no kernel event per call.
                waiting[1] = posted.Task;
                Task.WaitAny(waiting, Poll);
            }

            RunPosted();
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            _pipelineThread = outer;
        }
    }

    /// <summary>Has <paramref name="action"/> (e.g. a WriteVerbose) run on the pipeline thread; from any thread, without waiting.</summary>
    public void Post(Action action)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThread)
        {
            RunPosted();
            action();
            return;
        }

        _queue.Enqueue(action);
        Interlocked.Exchange(ref _posted, NewSignal()).TrySetResult(true);
    }

    /// <summary>Asks the pipeline thread (e.g. ShouldProcess) and waits for the answer, after everything posted before it.</summary>
    public T Ask<T>(Func<T> question)
    {
        if (_pipelineThread == -1 || Environment.CurrentManagedThreadId == _pipelineThread)
        {
            RunPosted();
            return question();
        }

        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancelled = _stopping.Token.Register(() => answer.TrySetCanceled());
        Post(() =>
        {
            try
            {
                answer.TrySetResult(question());
            }
            catch (Exception failed)
            {
                // The worker learns of it too, so it never waits for an answer that will not come.
                answer.TrySetException(failed);
                throw;
            }
        });
        return answer.Task.GetAwaiter().GetResult();
    }

    private void RunPosted()
    {
        while (_queue.TryDequeue(out var action))
        {
            action();
        }
    }

    private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

using System.Collections.Concurrent;
using IamOps.AccountFanOut;

namespace IamOps.Tests.AccountFanOut;

/// <summary>The fan-out's scheduling, ordering, failure reporting and summary, with gates instead of a clock.</summary>
public sealed class AccountFanOutRunTests
{
    // Only a guard so a broken scheduler fails instead of hanging; no assertion depends on time.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static IReadOnlyList<FanOutAccount> Accounts(int count) =>
        Enumerable.Range(0, count).Select(i => new FanOutAccount((100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "acct-" + i, i)).ToList();

    private static Task<string> ConnectAs(FanOutAccount account, CancellationToken _) => Task.FromResult("session-" + account.Id);

    [Fact]
    public async Task Never_runs_more_accounts_at_once_than_the_throttle_limit_and_fills_every_slot()
    {
        var accounts = Accounts(10);
        var gates = accounts.ToDictionary(a => a.Id, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        var started = new BlockingCollection<string>();
        var running = 0;
        var most = 0;
        var run = new AccountFanOutRun<string>(ConnectAs, async (account, _, _, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            started.Add(account.Id);
            await gates[account.Id].Task;
            Interlocked.Decrement(ref running);
        }) { ThrottleLimit = 3 };

        var whole = run.RunAsync(accounts, new FanOutEvents(), CancellationToken.None);
        var seen = new List<string>();
        var released = 0;
        for (var i = 0; i < accounts.Count; i++)
        {
            Assert.True(started.TryTake(out var id, Guard), "an account should start while a slot is free");
            seen.Add(id!);
            if (seen.Count - released == 3)
            {
                // Three hold their slots: the next account can only start once the oldest is let go.
                gates[seen[released++]].SetResult(true);
            }
        }

        foreach (var gate in gates.Values)
        {
            gate.TrySetResult(true);
        }

        var summary = await whole.WaitAsync(Guard);
        Assert.Equal(3, most);
        Assert.Equal(accounts.Select(a => a.Id), seen.OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(10, summary.Succeeded);
    }

    [Fact]
    public async Task Starts_accounts_concurrently_up_to_the_limit_before_any_finishes()
    {
        var accounts = Accounts(5);
        var allIn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        var run = new AccountFanOutRun<string>(ConnectAs, async (_, _, _, _) =>
        {
            if (Interlocked.Increment(ref count) == 5)
            {
                allIn.SetResult(true);
            }

            // Every account waits for all five: this finishes only if five run at once.
            await allIn.Task;
        }) { ThrottleLimit = 5 };

        var summary = await run.RunAsync(accounts, new FanOutEvents(), CancellationToken.None).WaitAsync(Guard);

        Assert.Equal(5, summary.Succeeded);
    }

    [Fact]
    public async Task A_failing_connect_is_reported_with_its_account_and_the_others_go_on()
    {
        var accounts = Accounts(4);
        var ran = new ConcurrentBag<string>();
        var failures = new List<FanOutFailure>();
        var run = new AccountFanOutRun<string>(
            (account, token) => account.Position == 1
                ? throw new IamOpsException("RoleNotFound", FailureKind.ObjectNotFound, "The role OrganizationAccountAccessRole does not exist in " + account.Id + ".")
                : ConnectAs(account, token),
            (account, session, _, _) =>
            {
                ran.Add(session);
                return Task.CompletedTask;
            });

        var summary = await run.RunAsync(accounts, new FanOutEvents { Failed = failures.Add }, CancellationToken.None);

        var failure = Assert.Single(failures);
        Assert.Equal(accounts[1].Id, failure.AccountId);
        Assert.Equal(FanOutStage.Connect, failure.Stage);
        Assert.Equal("RoleNotFound", failure.ErrorId);
        Assert.Equal(new[] { accounts[0], accounts[2], accounts[3] }.Select(a => "session-" + a.Id).OrderBy(s => s), ran.OrderBy(s => s));
        Assert.Equal(3, summary.Succeeded);
        Assert.Equal(new[] { accounts[1].Id }, summary.FailedAccountId);
        Assert.Contains(accounts[1].Id, summary.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_that_throws_or_writes_errors_fails_its_account_only()
    {
        var accounts = Accounts(3);
        var failures = new List<FanOutFailure>();
        var run = new AccountFanOutRun<string>(ConnectAs, (account, _, output, _) =>
        {
            switch (account.Position)
            {
                case 0:
                    throw new InvalidOperationException("the block threw");
                case 1:
                    output.WriteError("record-1", "AccessDenied", "CreateUser was denied by an SCP");
                    output.WriteError("record-2", "Other", "second");
                    output.Write("still-ran");
                    break;
            }

            return Task.CompletedTask;
        });

        var summary = await run.RunAsync(accounts, new FanOutEvents { Failed = failures.Add }, CancellationToken.None);

        Assert.Equal(new[] { accounts[0].Id, accounts[1].Id }, summary.FailedAccountId);
        Assert.Equal(new[] { accounts[2].Id }, summary.SucceededAccountId);
        var threw = summary.Failures[0];
        Assert.Equal(("AccountScriptFailed", FanOutStage.ScriptBlock, "the block threw"), (threw.ErrorId, threw.Stage, threw.Message));
        var wrote = summary.Failures[1];
        Assert.Equal(("AccessDenied", 2, "CreateUser was denied by an SCP"), (wrote.ErrorId, wrote.ErrorCount, wrote.Message));
        Assert.Equal(2, failures.Count);
    }

    [Fact]
    public async Task Ordered_output_comes_account_by_account_in_input_order_whatever_order_they_finish()
    {
        var accounts = Accounts(3);
        var gates = accounts.Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var finished = accounts.Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var delivered = new List<string>();
        var run = new AccountFanOutRun<string>(ConnectAs, async (account, _, output, _) =>
        {
            output.Write(account.Position + "a");
            await gates[account.Position].Task;
            output.Write(account.Position + "b");
            if (account.Position == 1)
            {
                throw new InvalidOperationException("one fails");
            }
        }) { Ordered = true, ThrottleLimit = 3 };

        var events = new FanOutEvents
        {
            Output = (_, item) => delivered.Add((string)item),
            Failed = f => delivered.Add("failed " + f.Account.Position),
            Progress = p => finished[p.Latest.Position].TrySetResult(true),
        };
        var whole = run.RunAsync(accounts, events, CancellationToken.None);

        // The last account finishes first, then the middle one: nothing of theirs may come before account 0's.
        gates[2].SetResult(true);
        await finished[2].Task.WaitAsync(Guard);
        gates[1].SetResult(true);
        await finished[1].Task.WaitAsync(Guard);
        lock (delivered)
        {
            Assert.All(delivered, d => Assert.StartsWith("0", d, StringComparison.Ordinal));
        }

        gates[0].SetResult(true);
        await whole.WaitAsync(Guard);

        Assert.Equal(new[] { "0a", "0b", "1a", "1b", "failed 1", "2a", "2b" }, delivered);
    }

    [Fact]
    public async Task Unordered_output_streams_as_accounts_produce_it()
    {
        var accounts = Accounts(2);
        var first = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDelivered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivered = new List<string>();
        var run = new AccountFanOutRun<string>(ConnectAs, async (account, _, output, _) =>
        {
            if (account.Position == 0)
            {
                await first.Task;
            }

            output.Write("from " + account.Position);
        }) { ThrottleLimit = 2 };

        var whole = run.RunAsync(accounts, new FanOutEvents
        {
            Output = (_, item) =>
            {
                delivered.Add((string)item);
                if ((string)item == "from 1")
                {
                    secondDelivered.SetResult(true);
                }
            },
        }, CancellationToken.None);

        // Account 1's output arrives while account 0 is still held at its gate.
        await secondDelivered.Task.WaitAsync(Guard);
        first.SetResult(true);
        await whole.WaitAsync(Guard);

        Assert.Equal(new[] { "from 1", "from 0" }, delivered);
    }

    [Fact]
    public async Task Progress_counts_every_account_and_the_last_report_is_complete()
    {
        var accounts = Accounts(4);
        var reports = new List<FanOutProgress>();
        var run = new AccountFanOutRun<string>(
            (a, t) => a.Position == 3 ? throw new InvalidOperationException("no") : ConnectAs(a, t),
            (_, _, _, _) => Task.CompletedTask) { ThrottleLimit = 2 };

        await run.RunAsync(accounts, new FanOutEvents { Progress = reports.Add }, CancellationToken.None);

        Assert.Equal(new[] { 1, 2, 3, 4 }, reports.Select(r => r.Done));
        Assert.True(reports[^1].Completed);
        Assert.Equal(100, reports[^1].PercentComplete);
        Assert.Equal(1, reports[^1].Failed);
        Assert.False(reports[0].Completed);
    }

    [Fact]
    public async Task Each_start_and_finish_reports_how_many_accounts_run_never_more_than_the_limit()
    {
        var accounts = Accounts(5);
        var reports = new List<(string Kind, FanOutProgress Progress)>();
        var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = new AccountFanOutRun<string>(ConnectAs, async (a, _, _, t) =>
        {
            // The first two hold their slots until both have started, so two run at once for certain.
            if (a.Position < 2)
            {
                await gate.Task.WaitAsync(t);
            }
        }) { ThrottleLimit = 2 };

        var events = new FanOutEvents
        {
            Began = p =>
            {
                reports.Add(("began", p));
                if (p.Running == 2)
                {
                    gate.TrySetResult(true);
                }
            },
            Progress = p => reports.Add(("finished", p)),
        };
        await run.RunAsync(accounts, events, CancellationToken.None).WaitAsync(Guard);

        Assert.Equal(10, reports.Count);
        Assert.Equal(5, reports.Count(r => r.Kind == "began"));
        Assert.All(reports, r => Assert.InRange(r.Progress.Running, 0, 2));
        Assert.Equal(("began", 0, 2), (reports[1].Kind, reports[1].Progress.Done, reports[1].Progress.Running));
        var began = 0;
        foreach (var (kind, progress) in reports)
        {
            began += kind == "began" ? 1 : 0;
            Assert.Equal(began, progress.Done + progress.Running);
        }

        Assert.Equal((5, 0), (reports[^1].Progress.Done, reports[^1].Progress.Running));
    }

    [Fact]
    public async Task Cancelling_starts_no_further_account_and_cancels_the_running_ones()
    {
        var accounts = Accounts(5);
        using var stop = new CancellationTokenSource();
        var started = new ConcurrentBag<string>();
        var oneIn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = new AccountFanOutRun<string>(ConnectAs, async (account, _, _, token) =>
        {
            started.Add(account.Id);
            oneIn.TrySetResult(true);
            await Task.Delay(Timeout.Infinite, token);
        }) { ThrottleLimit = 1 };

        var whole = run.RunAsync(accounts, new FanOutEvents(), stop.Token);
        await oneIn.Task.WaitAsync(Guard);
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => whole.WaitAsync(Guard));
        Assert.Equal(new[] { accounts[0].Id }, started);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public async Task A_throttle_limit_outside_1_to_64_is_refused(int limit)
    {
        var run = new AccountFanOutRun<string>(ConnectAs, (_, _, _, _) => Task.CompletedTask) { ThrottleLimit = limit };

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => run.RunAsync(Accounts(1), new FanOutEvents(), CancellationToken.None));

        Assert.Equal("ThrottleLimitOutOfRange", failure.ErrorId);
    }

    [Theory]
    [InlineData("123456789012", true)]
    [InlineData(" 123456789012 ", true)]
    [InlineData("12345678901", false)]
    [InlineData("12345678901a", false)]
    [InlineData("", false)]
    public void Account_ids_are_12_digits(string id, bool valid)
    {
        if (valid)
        {
            Assert.Equal(id.Trim(), FanOutAccount.CheckId(id));
        }
        else
        {
            Assert.Equal("AccountIdInvalid", Assert.Throws<IamOpsException>(() => FanOutAccount.CheckId(id)).ErrorId);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>The simulated IAM rate limit the onboarding benchmark runs against.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Mutating_calls_beyond_the_rate_fail_with_Throttling_and_reads_do_not()
    {
        var clock = new ManualClock(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc));
        var account = new SimulatedAccount("123456789012", clock) { MutatingCallsPerSecond = 2 };
        var iam = account.Connect().Iam;

        await iam.CreateGroupAsync("g1", null, CancellationToken.None);
        await iam.CreateGroupAsync("g2", null, CancellationToken.None);
        var throttled = await Assert.ThrowsAsync<IamOpsException>(() => iam.CreateGroupAsync("g3", null, CancellationToken.None));
        var read = await iam.GetGroupAsync("g1", CancellationToken.None);

        Assert.Equal("Throttling", throttled.AwsErrorCode);
        Assert.Equal(FailureKind.LimitsExceeded, throttled.Kind);
        Assert.Equal("g1", read.GroupName);
        Assert.Equal("Throttling", account.CallLog.Of("CreateGroup").Last().Outcome);
    }

    [Fact]
    public async Task The_rate_refills_with_the_accounts_clock()
    {
        var clock = new ManualClock(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc));
        var account = new SimulatedAccount("123456789012", clock) { MutatingCallsPerSecond = 2 };
        var iam = account.Connect().Iam;
        await iam.CreateGroupAsync("g1", null, CancellationToken.None);
        await iam.CreateGroupAsync("g2", null, CancellationToken.None);

        clock.Advance(TimeSpan.FromMilliseconds(499));
        await Assert.ThrowsAsync<IamOpsException>(() => iam.CreateGroupAsync("g3", null, CancellationToken.None));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await iam.CreateGroupAsync("g3", null, CancellationToken.None);
        await Assert.ThrowsAsync<IamOpsException>(() => iam.CreateGroupAsync("g4", null, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(10));
        await iam.CreateGroupAsync("g4", null, CancellationToken.None);
        await iam.CreateGroupAsync("g5", null, CancellationToken.None);

        // A long pause refills one second's worth, no more.
        var outcomes = account.CallLog.Of("CreateGroup").Select(c => c.Outcome).ToList();
        Assert.Equal(["Success", "Success", "Throttling", "Success", "Throttling", "Success", "Success"], outcomes);
        await Assert.ThrowsAsync<IamOpsException>(() => iam.CreateGroupAsync("g6", null, CancellationToken.None));
    }
}

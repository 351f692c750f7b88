using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>The simulated IAM rate limit the onboarding benchmark runs against.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Mutating_calls_beyond_the_rate_fail_with_Throttling_and_reads_do_not()
    {
        var account = new SimulatedAccount("123456789012") { MutatingCallsPerSecond = 2 };
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
}

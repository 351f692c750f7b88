using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Aws;

/// <summary>Calls whose answer carries a once-shown secret: a lost answer is looked into, so exactly one key or a known password remains.</summary>
public sealed class OneShotCallsTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new("111122223333");
    private readonly IIam _iam;

    public OneShotCallsTests()
    {
        _iam = _account.Connect().Iam;
        _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None).GetAwaiter().GetResult();
    }

    private long NextCall => _account.CallLog.Calls.Last().Number + 1;

    [Theory]
    [InlineData(FaultKind.DroppedConnection)]
    [InlineData(FaultKind.Timeout)]
    [InlineData(FaultKind.ServiceFailure)]
    public async Task A_key_made_by_a_call_whose_answer_was_lost_is_replaced_by_one_whose_secret_is_returned(FaultKind kind)
    {
        var old = await _iam.CreateAccessKeyAsync("alice", None);
        _account.Faults.FailCall(NextCall, kind, afterApply: true);

        var key = await OneShotCalls.CreateAccessKeyAsync(_iam, "alice", new[] { old.AccessKeyId }, None);

        var keys = await IamLookup.ToListAsync(_iam.ListAccessKeysAsync("alice", None), None);
        Assert.Equal(new[] { old.AccessKeyId, key.AccessKeyId }.Order(StringComparer.Ordinal), keys.Select(k => k.AccessKeyId).Order(StringComparer.Ordinal));
        Assert.NotEmpty(key.SecretAccessKey);
    }

    [Fact]
    public async Task A_failure_before_anything_landed_stands_and_throttling_is_not_looked_into()
    {
        _account.Faults.FailCall(NextCall, FaultKind.DroppedConnection);
        var dropped = await Assert.ThrowsAsync<IamOpsException>(() => OneShotCalls.CreateAccessKeyAsync(_iam, "alice", Array.Empty<string>(), None));
        _account.Faults.FailCall(NextCall, FaultKind.Throttling, afterApply: true);
        var calls = _account.CallLog.Calls.Count;
        var throttled = await Assert.ThrowsAsync<IamOpsException>(() => OneShotCalls.CreateAccessKeyAsync(_iam, "alice", Array.Empty<string>(), None));

        Assert.Equal("AwsConnectionFailed", dropped.ErrorId);
        Assert.Equal("AwsThrottling", throttled.ErrorId);
        Assert.Equal(calls + 1, _account.CallLog.Calls.Count);
    }

    [Fact]
    public async Task A_login_profile_made_by_a_call_whose_answer_was_lost_gets_the_password_the_caller_holds()
    {
        _account.Faults.FailCall(NextCall, FaultKind.Timeout, afterApply: true);

        await OneShotCalls.CreateLoginProfileAsync(_iam, "alice", "Known-Passw0rd!x", passwordResetRequired: true, None);

        Assert.True(_account.Iam.PasswordMatches("alice", "Known-Passw0rd!x"));
        Assert.True((await _iam.GetLoginProfileAsync("alice", None)).PasswordResetRequired);
    }
}

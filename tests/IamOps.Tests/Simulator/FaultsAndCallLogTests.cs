using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

public sealed class FaultsAndCallLogTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new("111122223333");
    private readonly IIam _iam;

    public FaultsAndCallLogTests() => _iam = _account.Connect().Iam;

    private Task<IamUser> CreateUser(string name) => _iam.CreateUserAsync(new CreateUserRequest { UserName = name }, None);

    [Fact]
    public async Task Throttling_fails_exactly_the_scheduled_call_as_the_AWS_adapters_report_it()
    {
        _account.Faults.FailCall(2, FaultKind.Throttling);
        await CreateUser("a");
        var error = await Expect.AwsError("Throttling", 400, () => CreateUser("b"));
        Assert.Equal(FailureKind.LimitsExceeded, error.Kind);
        await CreateUser("b");
        Assert.Equal(new[] { "Success", "Throttling", "Success" }, _account.CallLog.Calls.Select(c => c.Outcome));
    }

    [Fact]
    public async Task Service_failure_is_500_ResourceUnavailable()
    {
        _account.Faults.FailCall(1, FaultKind.ServiceFailure);
        var error = await Expect.AwsError("ServiceFailure", 500, () => _iam.GetUserAsync(null, None));
        Assert.Equal(FailureKind.ResourceUnavailable, error.Kind);
    }

    [Fact]
    public async Task Timeout_and_dropped_connection_look_like_transport_failures()
    {
        _account.Faults.FailCall(1, FaultKind.Timeout).FailCall(2, FaultKind.DroppedConnection);
        var timeout = await Assert.ThrowsAsync<IamOpsException>(() => CreateUser("a"));
        Assert.Equal(("AwsTimeout", FailureKind.OperationTimeout), (timeout.ErrorId, timeout.Kind));
        var dropped = await Assert.ThrowsAsync<IamOpsException>(() => CreateUser("a"));
        Assert.Equal(("AwsConnectionFailed", FailureKind.ConnectionError), (dropped.ErrorId, dropped.Kind));
        Assert.Empty(_account.CallLog.Changes);
    }

    [Fact]
    public async Task A_fault_after_apply_reports_failure_but_keeps_the_change()
    {
        _account.Faults.FailCall(1, FaultKind.Throttling, afterApply: true);
        await Expect.AwsError("Throttling", 400, () => CreateUser("a"));
        await Expect.AwsError("EntityAlreadyExists", 409, () => CreateUser("a"));
        var first = _account.CallLog.Calls[0];
        Assert.Equal(("CreateUser", "Throttling", true, true), (first.Operation, first.Outcome, first.IsMutating, first.ChangeApplied));
        Assert.False(_account.CallLog.Calls[1].ChangeApplied);
    }

    [Fact]
    public async Task An_operation_can_be_failed_for_its_next_calls_whatever_their_numbers()
    {
        _account.Faults.FailOperation("CreateUser", FaultKind.Throttling, times: 2);
        await _iam.GetUserAsync(null, None);
        await Expect.AwsError("Throttling", 400, () => CreateUser("a"));
        await Expect.AwsError("Throttling", 400, () => CreateUser("a"));
        await CreateUser("a");
        Assert.Equal(new[] { "Success", "Throttling", "Throttling", "Success" }, _account.CallLog.Calls.Select(c => c.Outcome));
    }

    [Fact]
    public async Task A_fault_with_retries_also_fails_the_next_calls_of_that_operation_only()
    {
        _account.Faults.FailCallAndRetries(2, FaultKind.Throttling, retries: 2);
        await _iam.GetUserAsync(null, None);
        await Expect.AwsError("Throttling", 400, () => CreateUser("a"));
        await _iam.GetUserAsync(null, None);
        await Expect.AwsError("Throttling", 400, () => CreateUser("a"));
        await Expect.AwsError("Throttling", 400, () => CreateUser("a"));
        await CreateUser("a");
        Assert.Equal(new[] { "Success", "Throttling", "Success", "Throttling", "Throttling", "Success" }, _account.CallLog.Calls.Select(c => c.Outcome));
        Assert.DoesNotContain(_account.CallLog.Calls, c => c.Outcome == "Throttling" && c.ChangeApplied);
    }

    [Fact]
    public async Task Any_AWS_error_can_be_injected_such_as_ConcurrentModification()
    {
        _account.Faults.FailCall(1, "ConcurrentModification", 409).FailCall(2, "EntityTemporarilyUnmodifiable", 409, afterApply: true);
        var error = await Expect.AwsError("ConcurrentModification", 409, () => CreateUser("a"));
        Assert.Equal(FailureKind.ResourceUnavailable, error.Kind);
        await Expect.AwsError("EntityTemporarilyUnmodifiable", 409, () => CreateUser("a"));
        Assert.Equal("a", (await _iam.GetUserAsync("a", None)).UserName);
        Assert.Equal(new[] { "ConcurrentModification", "EntityTemporarilyUnmodifiable", "Success" }, _account.CallLog.Calls.Select(c => c.Outcome));
    }

    [Fact]
    public async Task Call_log_tells_reads_from_writes_and_records_outcomes_and_callers()
    {
        await _iam.GetUserAsync(null, None);
        await Expect.All(_iam.ListUsersAsync(null, None));
        await _iam.GetAccountSummaryAsync(None);
        Assert.Empty(_account.CallLog.MutatingCalls);
        await CreateUser("a");
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.AttachPolicyAsync(IdentityKind.User, "ghost", "arn:aws:iam::aws:policy/ReadOnlyAccess", None));
        var mutating = _account.CallLog.MutatingCalls;
        Assert.Equal(new[] { "CreateUser", "AttachUserPolicy" }, mutating.Select(c => c.Operation));
        Assert.Equal(new[] { "Success", "NoSuchEntity" }, mutating.Select(c => c.Outcome));
        Assert.Single(_account.CallLog.Changes);
        Assert.All(_account.CallLog.Calls, c => Assert.Equal("arn:aws:iam::111122223333:user/Administrator", c.Caller));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), _account.CallLog.Calls.Select(c => c.Number));
        _account.CallLog.Clear();
        Assert.Empty(_account.CallLog.Calls);
    }

    [Fact]
    public async Task Call_log_keeps_the_most_recent_calls_up_to_its_capacity()
    {
        _account.CallLog.Capacity = 10;
        for (var i = 0; i < 25; i++)
        {
            await _iam.GetUserAsync(null, None);
        }

        var calls = _account.CallLog.Calls;
        Assert.InRange(calls.Count, 1, 10);
        Assert.Equal(25, calls[^1].Number);
    }

    [Fact]
    public async Task Concurrent_pipelines_all_land_and_are_all_logged()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => CreateUser("user" + i))));
        Assert.Equal(201, (await Expect.All(_iam.ListUsersAsync(null, None))).Count);
        Assert.Equal(200, _account.CallLog.Changes.Count);
        Assert.Equal(201, _account.CallLog.Calls.Select(c => c.Number).Distinct().Count());
    }
}

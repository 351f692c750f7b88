using System.Reflection;
using IamOps.Aws;
using IamOps.Completion;
using IamOps.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace IamOps.Tests.Completion;

/// <summary>
/// The cache behind Tab completion of account names: lists once per window, shares a running listing, forgets failures,
/// never waits long. Time is a fake clock the tests move; a slow listing is one held at a gate until the test opens it.
/// </summary>
public sealed class AccountNameCacheTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);
    private readonly SimulatedAccount _account = new();
    private readonly ObservedTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ListingGate _gate = new();

    public AccountNameCacheTests()
    {
        _account.AddBucket("logs", "eu-west-1");
    }

    private AccountNameCache NewCache(TimeSpan? listingLimit = null) => new(TimeSpan.FromSeconds(60), listingLimit ?? Long, _time);

    /// <summary>The account behind a gate: ListUsers waits (cancellably) until the test opens it.</summary>
    private (IAwsConnection, string) ConnectGated() => (new GatedConnection(_account.Connect(), _gate), "account-a");

    private (IAwsConnection, string) Connect() => (_account.Connect(), "account-a");

    private int Lists(string operation) => _account.CallLog.Of(operation).Count;

    [Fact]
    public void Names_are_listed_once_within_the_window_and_again_after_it()
    {
        var cache = NewCache();

        var first = cache.Get(AccountNameKind.User, Connect, Long);
        _time.Advance(TimeSpan.FromSeconds(59));
        var second = cache.Get(AccountNameKind.User, Connect, Long);
        Assert.Equal(1, Lists("ListUsers"));
        _time.Advance(TimeSpan.FromSeconds(2));
        var third = cache.Get(AccountNameKind.User, Connect, Long);

        Assert.Equal(2, Lists("ListUsers"));
        Assert.Equal(new[] { SimulatedAccount.AdministratorUserName }, first.Select(n => n.Name));
        Assert.Same(first, second);
        Assert.Equal(first, third);
    }

    [Fact]
    public void Each_kind_and_each_identity_has_its_own_listing()
    {
        var cache = NewCache();

        cache.Get(AccountNameKind.User, Connect, Long);
        cache.Get(AccountNameKind.Group, Connect, Long);
        cache.Get(AccountNameKind.Role, Connect, Long);
        var buckets = cache.Get(AccountNameKind.Bucket, Connect, Long);
        cache.Get(AccountNameKind.User, () => (_account.Connect(), "account-b"), Long);

        Assert.Equal((2, 1, 1, 1), (Lists("ListUsers"), Lists("ListGroups"), Lists("ListRoles"), Lists("ListBuckets")));
        Assert.Equal("logs", Assert.Single(buckets).Name);
    }

    [Fact]
    public void A_failed_listing_gives_nothing_and_is_not_kept()
    {
        var cache = NewCache();
        _account.Faults.FailOperation("ListUsers", FaultKind.ServiceFailure);

        var failed = cache.Get(AccountNameKind.User, Connect, Long);
        var retried = cache.Get(AccountNameKind.User, Connect, Long);

        Assert.Empty(failed);
        Assert.Single(retried);
        Assert.Equal(new[] { "ServiceFailure", "Success" }, _account.CallLog.Of("ListUsers").Select(c => c.Outcome));
    }

    [Fact]
    public void A_connection_that_cannot_be_made_gives_nothing()
    {
        var cache = NewCache();

        var names = cache.Get(AccountNameKind.Role, () => throw new IamOpsException("ProfileNotFound", FailureKind.ObjectNotFound, "no such profile"), Long);

        Assert.Empty(names);
    }

    [Fact]
    public async Task A_slow_listing_ends_the_wait_with_nothing_and_then_serves_the_next_call()
    {
        var cache = NewCache();
        var wait = TimeSpan.FromMilliseconds(50);

        var early = Task.Run(() => cache.Get(AccountNameKind.User, ConnectGated, wait));
        await _gate.Entered;
        await _time.TimerStarted(wait);
        _time.Advance(wait);
        var earlyNames = await early;
        _gate.Open();
        var later = cache.Get(AccountNameKind.User, ConnectGated, Long);

        Assert.Empty(earlyNames);
        Assert.Equal(SimulatedAccount.AdministratorUserName, Assert.Single(later).Name);
        Assert.Equal(1, _gate.Listings);
        Assert.Equal(1, Lists("ListUsers"));
    }

    [Fact]
    public async Task A_listing_that_outlives_its_own_limit_is_cancelled_and_forgotten()
    {
        var limit = TimeSpan.FromMilliseconds(100);
        var cache = NewCache(listingLimit: limit);

        var timedOut = Task.Run(() => cache.Get(AccountNameKind.User, ConnectGated, Long));
        await _gate.Entered;
        await _time.TimerStarted(limit);
        _time.Advance(limit);
        var timedOutNames = await timedOut;
        _gate.Open();
        var next = cache.Get(AccountNameKind.User, ConnectGated, Long);

        Assert.Empty(timedOutNames);
        Assert.Equal(1, _gate.Cancelled);
        Assert.Single(next);
        Assert.Equal(2, _gate.Listings);
        Assert.Equal(1, Lists("ListUsers"));
    }

    [Fact]
    public void A_listing_that_finishes_only_after_its_limit_is_dropped_all_the_same()
    {
        var limit = TimeSpan.FromMilliseconds(100);
        var cache = NewCache(listingLimit: limit);

        // The clock moves past the limit while the account answers, without the limit's timer firing first (a busy machine).
        var late = cache.Get(AccountNameKind.User, () => (new GatedConnection(_account.Connect(), _gate, beforeListing: () => _time.AdjustTime(_time.GetUtcNow() + limit + TimeSpan.FromTicks(1))), "account-a"), Long);
        _gate.Open();
        var next = cache.Get(AccountNameKind.User, Connect, Long);

        Assert.Empty(late);
        Assert.Single(next);
        Assert.Equal(2, Lists("ListUsers"));
    }

    /// <summary>A fake clock that tells the test when a timer of a given length has been started, so it moves time only once the code waits.</summary>
    private sealed class ObservedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly List<TimeSpan> _started = [];
        private readonly SemaphoreSlim _signal = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            lock (_started)
            {
                _started.Add(dueTime);
            }

            _signal.Release();
            return timer;
        }

        public async Task TimerStarted(TimeSpan dueTime)
        {
            while (true)
            {
                lock (_started)
                {
                    if (_started.Remove(dueTime))
                    {
                        return;
                    }
                }

                // A guard against a hang, not a measurement: the timer is started within microseconds when the code works.
                Assert.True(await _signal.WaitAsync(TimeSpan.FromSeconds(30)), $"no timer of {dueTime} was started");
            }
        }
    }
}

/// <summary>Holds every ListUsers of the connections made with it until opened; counts the listings that reached it and those cancelled there.</summary>
internal sealed class ListingGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _listings;
    private int _cancelled;

    public Task Entered => _entered.Task;

    public int Listings => Volatile.Read(ref _listings);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public void Open() => _open.TrySetResult();

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listings);
        _entered.TrySetResult();
        try
        {
            await _open.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
    }
}

/// <summary>A connection whose IAM port passes every call through, except that ListUsers first waits at the gate.</summary>
internal sealed class GatedConnection(IAwsConnection inner, ListingGate gate, Action? beforeListing = null) : IAwsConnection
{
    public IIam Iam { get; } = GatedIam.Create(inner.Iam, gate, beforeListing);

    public ISts Sts => inner.Sts;

    public IS3 S3 => inner.S3;

    public IEc2 Ec2 => inner.Ec2;

    public IOrganizations Organizations => inner.Organizations;

    public string Description => inner.Description;

    public string SessionScope => inner.SessionScope;

    public IIam AccountReader => inner.AccountReader;

    public (string SerialNumber, string Profile)? ProfileMfaSerial() => inner.ProfileMfaSerial();
}

public class GatedIam : DispatchProxy
{
    private IIam _inner = null!;
    private ListingGate _gate = null!;
    private Action? _beforeListing;

    internal static IIam Create(IIam inner, ListingGate gate, Action? beforeListing)
    {
        var proxy = DispatchProxy.Create<IIam, GatedIam>();
        var gated = (GatedIam)(object)proxy;
        (gated._inner, gated._gate, gated._beforeListing) = (inner, gate, beforeListing);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = targetMethod!.Invoke(_inner, args);
        return targetMethod.Name == nameof(IIam.ListUsersAsync) ? Gated((IAsyncEnumerable<IamUser>)result!, (CancellationToken)args![1]!) : result;
    }

    private async IAsyncEnumerable<IamUser> Gated(IAsyncEnumerable<IamUser> users, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_beforeListing is { } before)
        {
            before();
        }
        else
        {
            await _gate.PassAsync(cancellationToken);
        }

        await foreach (var user in users.WithCancellation(cancellationToken))
        {
            yield return user;
        }
    }
}

using IamOps.Aws;
using IamOps.Completion;
using IamOps.Simulator;

namespace IamOps.Tests.Completion;

/// <summary>The cache behind Tab completion of account names: lists once per window, shares a running listing, forgets failures, never waits long.</summary>
public sealed class AccountNameCacheTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);
    private readonly SimulatedAccount _account = new();
    private DateTime _now = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public AccountNameCacheTests()
    {
        _account.AddBucket("logs", "eu-west-1");
    }

    private AccountNameCache NewCache(TimeSpan? listingLimit = null) => new(TimeSpan.FromSeconds(60), listingLimit ?? Long, () => _now);

    private (IAwsConnection, string) Connect() => (_account.Connect(), "account-a");

    private int Lists(string operation) => _account.CallLog.Of(operation).Count;

    [Fact]
    public void Names_are_listed_once_within_the_window_and_again_after_it()
    {
        var cache = NewCache();

        var first = cache.Get(AccountNameKind.User, Connect, Long);
        _now += TimeSpan.FromSeconds(59);
        var second = cache.Get(AccountNameKind.User, Connect, Long);
        Assert.Equal(1, Lists("ListUsers"));
        _now += TimeSpan.FromSeconds(2);
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
    public void A_slow_listing_ends_the_wait_with_nothing_and_then_serves_the_next_call()
    {
        var cache = NewCache();
        _account.Latency = TimeSpan.FromSeconds(1);

        var early = cache.Get(AccountNameKind.User, Connect, TimeSpan.FromMilliseconds(50));
        var later = cache.Get(AccountNameKind.User, Connect, Long);

        Assert.Empty(early);
        Assert.Equal(SimulatedAccount.AdministratorUserName, Assert.Single(later).Name);
        Assert.Equal(1, Lists("ListUsers"));
    }

    [Fact]
    public void A_listing_that_outlives_its_own_limit_is_cancelled_and_forgotten()
    {
        var cache = NewCache(listingLimit: TimeSpan.FromMilliseconds(100));
        _account.Latency = TimeSpan.FromMilliseconds(300);

        var timedOut = cache.Get(AccountNameKind.User, Connect, Long);
        _account.Latency = TimeSpan.Zero;
        var next = cache.Get(AccountNameKind.User, Connect, Long);

        Assert.Empty(timedOut);
        Assert.Single(next);
    }
}

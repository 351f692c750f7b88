using IamOps.Aws;

namespace IamOps.Completion;

/// <summary>
/// Recent listings of names per connection identity and kind, so repeated Tab presses list once. A listing serves for
/// <see cref="DefaultLifetime"/> from when it started; one still running is shared (a slow account answers a later Tab);
/// one that failed is forgotten. Listings run off the prompt's thread and end after a time limit of their own.
/// </summary>
internal sealed class AccountNameCache
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    /// <summary>How long one listing may run in the background before it is cancelled.</summary>
    public static readonly TimeSpan DefaultListingLimit = TimeSpan.FromSeconds(20);

    private static readonly IReadOnlyList<AccountName> None = Array.Empty<AccountName>();

    private readonly object _gate = new();
    private readonly Dictionary<string, Listing> _listings = new(StringComparer.Ordinal);
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _listingLimit;
    private readonly TimeProvider _time;

    /// <param name="time">The clock and timers of lifetimes, waits and listing limits (a fake one in tests).</param>
    public AccountNameCache(TimeSpan lifetime, TimeSpan listingLimit, TimeProvider time)
    {
        _lifetime = lifetime;
        _listingLimit = listingLimit;
        _time = time;
    }

    /// <summary>The one cache the module's completers share.</summary>
    public static AccountNameCache Shared { get; } = new(DefaultLifetime, DefaultListingLimit, TimeProvider.System);

    /// <summary>
    /// The names of <paramref name="kind"/> in the account <paramref name="connect"/> opens, or none when connecting or
    /// listing fails or the names are not there within <paramref name="wait"/>. Never throws.
    /// </summary>
    /// <param name="connect">Resolves the connection and its identity; it runs off the caller's thread, inside the wait.</param>
    public IReadOnlyList<AccountName> Get(AccountNameKind kind, Func<(IAwsConnection Connection, string Identity)> connect, TimeSpan wait)
    {
        var names = Task.Run(() =>
        {
            var (connection, identity) = connect();
            return Start(identity + "|" + kind, connection, kind);
        });
        Observe(names);
        var waited = names.WaitAsync(wait, _time);
        Observe(waited);
        try
        {
            waited.Wait();
            return waited.Result;
        }
        catch (AggregateException)
        {
            // Not there in time, or failed: a completer offers nothing rather than an error; the command itself reports what is wrong.
            return None;
        }
    }

    private Task<IReadOnlyList<AccountName>> Start(string key, IAwsConnection connection, AccountNameKind kind)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            foreach (var stale in _listings.Where(l => !l.Value.ServesAt(now, _lifetime)).Select(l => l.Key).ToList())
            {
                _listings.Remove(stale);
            }

            if (_listings.TryGetValue(key, out var listing))
            {
                return listing.Names;
            }

            var names = Task.Run(async () =>
            {
                using var limit = _time.CreateCancellationTokenSource(_listingLimit);
                var started = _time.GetTimestamp();
                var listed = await AccountNameLister.ListAsync(connection, kind, limit.Token).ConfigureAwait(false);

                // The limit's timer can fire late on a busy machine (or the last page ends before it is checked): a
                // listing that ran past its limit is dropped all the same, so the limit means one thing.
                return _time.GetElapsedTime(started) > _listingLimit ? throw new OperationCanceledException(limit.Token) : listed;
            });
            Observe(names);
            _listings[key] = new Listing(names, now);
            return names;
        }
    }

    /// <summary>A listing nobody waits for any more must not surface as an unobserved task exception.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private sealed record Listing(Task<IReadOnlyList<AccountName>> Names, DateTime Started)
    {
        public bool ServesAt(DateTime now, TimeSpan lifetime) => !Names.IsFaulted && !Names.IsCanceled && now - Started < lifetime;
    }
}

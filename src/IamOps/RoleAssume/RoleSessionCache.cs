using System.Collections.Concurrent;

namespace IamOps.RoleAssume;

/// <summary>
/// Role and MFA sessions kept in memory until five minutes before they expire, so a runbook that assumes the same role many
/// times makes one STS call (and prompts for MFA once).
/// </summary>
public sealed class RoleSessionCache
{
    /// <summary>A session is not handed out when it has less than this left.</summary>
    public static readonly TimeSpan MinimumRemaining = TimeSpan.FromMinutes(5);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, RoleSessionCache> PerOwner = new();
    private readonly ConcurrentDictionary<string, TemporarySession> _sessions = new(StringComparer.Ordinal);
    private readonly Func<DateTime> _utcNow;

    public RoleSessionCache(Func<DateTime>? utcNow = null) => _utcNow = utcNow ?? (() => DateTime.UtcNow);

    /// <summary>The cache of one owner (a PowerShell runspace), created on first use and gone with it.</summary>
    public static RoleSessionCache For(object owner) => PerOwner.GetValue(owner, _ => new RoleSessionCache());

    public int Count => _sessions.Count;

    public bool TryGet(string key, out TemporarySession session)
    {
        if (_sessions.TryGetValue(key, out var cached) && cached.Expiration - _utcNow() > MinimumRemaining)
        {
            session = cached;
            return true;
        }

        _sessions.TryRemove(key, out _);
        session = null!;
        return false;
    }

    public void Add(string key, TemporarySession session) => _sessions[key] = session;

    public void Clear() => _sessions.Clear();
}

using System.Collections.Concurrent;

namespace IamOps.RoleAssume;

/// <summary>
/// The MFA codes this PowerShell session sent and STS accepted, per device, for 90 seconds (the three 30-second
/// windows STS accepts a code in): a code refused again is then reported as already used, not as wrong.
/// </summary>
public sealed class UsedMfaCodes
{
    private static readonly TimeSpan Remembered = TimeSpan.FromSeconds(90);
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, UsedMfaCodes> PerOwner = new();
    private readonly ConcurrentDictionary<string, DateTime> _used = new(StringComparer.Ordinal);
    private readonly Func<DateTime> _utcNow;

    public UsedMfaCodes(Func<DateTime>? utcNow = null) => _utcNow = utcNow ?? (() => DateTime.UtcNow);

    /// <summary>The codes of one owner (a PowerShell runspace).</summary>
    public static UsedMfaCodes For(object owner) => PerOwner.GetValue(owner, _ => new UsedMfaCodes());

    public void Remember(string serialNumber, string code) => _used[serialNumber + "\n" + code] = _utcNow();

    public bool WasUsed(string serialNumber, string code) =>
        _used.TryGetValue(serialNumber + "\n" + code, out var when) && _utcNow() - when < Remembered;
}

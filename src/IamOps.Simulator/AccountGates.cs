namespace IamOps.Simulator;

/// <summary>
/// Holds the locks of one or two accounts of an organization, always taken in account-id order, so two calls that reach
/// the same pair of accounts from opposite sides (a cross-account AssumeRole each way) never wait on each other forever.
/// </summary>
internal readonly struct AccountGates : IDisposable
{
    private readonly object _first;
    private readonly object? _second;

    private AccountGates(object first, object? second)
    {
        _first = first;
        _second = second;
    }

    public static AccountGates Enter(SimulatedAccount account, SimulatedAccount? other)
    {
        if (other is null || other == account)
        {
            Monitor.Enter(account.Gate);
            return new AccountGates(account.Gate, null);
        }

        var (first, second) = string.CompareOrdinal(account.AccountId, other.AccountId) <= 0 ? (account, other) : (other, account);
        Monitor.Enter(first.Gate);
        try
        {
            Monitor.Enter(second.Gate);
        }
        catch
        {
            Monitor.Exit(first.Gate);
            throw;
        }

        return new AccountGates(first.Gate, second.Gate);
    }

    public void Dispose()
    {
        if (_second is not null)
        {
            Monitor.Exit(_second);
        }

        Monitor.Exit(_first);
    }
}

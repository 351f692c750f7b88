using IamOps.Accounts;
using IamOps.Aws;

namespace IamOps.Cmdlets;

/// <summary>
/// The connection a command works on, resolved on first use and again only when a pipeline object brings different
/// connection values; and the account behind it (id, partition, alias), read once per connection.
/// </summary>
internal sealed class ConnectionCache
{
    private IAwsConnection? _connection;
    private string? _key;
    private (IAwsConnection Connection, AccountContext Account)? _account;

    /// <summary>The connection for <paramref name="key"/>, made with <paramref name="connect"/> when the key changed; <paramref name="connected"/> hears of a new one.</summary>
    public IAwsConnection Get(string key, Func<IAwsConnection> connect, Action<IAwsConnection> connected)
    {
        if (_connection is null || !string.Equals(key, _key, StringComparison.Ordinal))
        {
            _connection = connect();
            _key = key;
            connected(_connection);
        }

        return _connection;
    }

    /// <summary>The account of <paramref name="connection"/>, loaded with <paramref name="load"/> the first time it is asked for.</summary>
    public AccountContext AccountOf(IAwsConnection connection, Func<IAwsConnection, AccountContext> load)
    {
        if (_account is not { } known || !ReferenceEquals(known.Connection, connection))
        {
            _account = (connection, load(connection));
        }

        return _account.Value.Account;
    }
}

namespace IamOps.AccountFanOut;

/// <summary>
/// Where one account's work writes what it produces. Errors are delivered like any item and also counted: an account
/// that wrote an error is reported as failed, with the first error's id and message, even when its work ran to the end.
/// </summary>
public sealed class FanOutOutput
{
    private readonly Action<object> _deliver;
    private int _errors;
    private (string ErrorId, string Message)? _first;

    internal FanOutOutput(FanOutAccount account, Action<object> deliver)
    {
        Account = account;
        _deliver = deliver;
    }

    public FanOutAccount Account { get; }

    /// <summary>An output object or a stream record (warning, verbose, information) of the account.</summary>
    public void Write(object item) => _deliver(item);

    /// <summary>A non-terminating error the account's work wrote: <paramref name="record"/> is delivered, the account will count as failed.</summary>
    public void WriteError(object record, string errorId, string message)
    {
        lock (this)
        {
            _errors++;
            _first ??= (errorId, message);
        }

        _deliver(record);
    }

    internal FanOutFailure? Failure()
    {
        lock (this)
        {
            return _first is { } first ? new FanOutFailure(Account, FanOutStage.ScriptBlock, first.ErrorId, first.Message, null, _errors) : null;
        }
    }
}

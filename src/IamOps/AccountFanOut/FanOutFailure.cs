namespace IamOps.AccountFanOut;

/// <summary>Why one account of a fan-out failed; the summary lists one per failed account.</summary>
public sealed class FanOutFailure
{
    public FanOutFailure(FanOutAccount account, FanOutStage stage, string errorId, string message, Exception? exception = null, int errorCount = 1)
    {
        Account = account;
        Stage = stage;
        ErrorId = errorId;
        Message = message;
        Exception = exception;
        ErrorCount = errorCount;
    }

    public string AccountId => Account.Id;

    public string? AccountName => Account.Name;

    public FanOutStage Stage { get; }

    /// <summary>The first failure's stable id (e.g. RoleNotFound, AccessDenied, AccountScriptFailed).</summary>
    public string ErrorId { get; }

    /// <summary>What went wrong, in the failing command's own words.</summary>
    public string Message { get; }

    /// <summary>How many errors the account wrote (a terminating one counts once).</summary>
    public int ErrorCount { get; }

    internal FanOutAccount Account { get; }

    /// <summary>The exception that ended the account's run, when one did (null when it only wrote errors).</summary>
    internal Exception? Exception { get; }

    /// <summary>A failure for an exception the run of <paramref name="account"/> ended with at <paramref name="stage"/>.</summary>
    public static FanOutFailure From(FanOutAccount account, FanOutStage stage, Exception exception)
    {
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerExceptions[0] : exception;
        var errorId = inner is IamOpsException known ? known.ErrorId : stage == FanOutStage.Connect ? "AccountNotConnected" : "AccountScriptFailed";
        return new FanOutFailure(account, stage, errorId, inner.Message, inner);
    }

    public override string ToString() => $"{Account}: {Message}";
}

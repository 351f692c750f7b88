namespace IamOps.AccountFanOut;

/// <summary>How far a fan-out is: accounts finished (succeeded or failed) of all, how many are running, and the one that just started or finished.</summary>
public sealed class FanOutProgress
{
    public FanOutProgress(int done, int failed, int total, FanOutAccount latest, int running = 0)
    {
        Done = done;
        Failed = failed;
        Total = total;
        Latest = latest;
        Running = running;
    }

    /// <summary>Accounts started and not finished yet.</summary>
    public int Running { get; }

    public int Done { get; }

    public int Failed { get; }

    public int Total { get; }

    public FanOutAccount Latest { get; }

    public int PercentComplete => Total == 0 ? 100 : Done * 100 / Total;

    public bool Completed => Done == Total;
}

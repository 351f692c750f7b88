namespace IamOps.Planning;

/// <summary>How far a batch has come: items finished of all, and an estimate of the time left.</summary>
public sealed record ApplyProgress(int Done, int Total, TimeSpan Elapsed)
{
    /// <summary>True once, after the last item: the progress bar can go.</summary>
    public bool Completed { get; init; }

    public int PercentComplete => Total == 0 ? 100 : (int)(100.0 * Done / Total);

    /// <summary>The time left at the pace so far; -1 (unknown) before the first item finishes.</summary>
    public int SecondsRemaining => Done == 0 ? -1 : (int)(Elapsed.TotalSeconds / Done * (Total - Done));
}

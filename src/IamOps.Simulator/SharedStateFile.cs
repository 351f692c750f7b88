namespace IamOps.Simulator;

/// <summary>
/// A state file that several processes use at once (parallel CI jobs sharing IAMOPS_SANDBOX). A change is made while
/// holding an exclusive lock on a lock file beside the state file, on the newest state (reloaded when another process
/// wrote since this one last read or wrote), and saved before the lock is released, so no process loses another's
/// update. A read only compares the file's stamp (size and write time) with the one last seen, and reloads when it
/// differs. The lock is the operating system's (an exclusive open: flock on Unix), so a process that dies releases it.
/// </summary>
internal sealed class SharedStateFile
{
    /// <summary>How long a change waits for another process's change to finish before it fails.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    private readonly string _path;
    private readonly string _lockPath;
    private (long Length, long WriteTicks)? _seen;

    public SharedStateFile(string path)
    {
        _path = System.IO.Path.GetFullPath(path);
        _lockPath = _path + ".lock";
    }

    public string FilePath => _path;

    /// <summary>Holds the exclusive lock until disposed; waits (bounded) while another process holds it.</summary>
    public IDisposable Lock()
    {
        AccountStateFile.CheckPath(_path);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var pause = 1;
        while (true)
        {
            try
            {
                return new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (waited.Elapsed < LockWait)
            {
                // Another process is changing the account: its change takes milliseconds.
                Thread.Sleep(pause);
                pause = Math.Min(pause * 2, 50);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IamOpsException("SandboxStateBusy", FailureKind.ResourceUnavailable,
                    $"The sandbox state file '{_path}' stayed locked by another process for {LockWait.TotalSeconds:F0} seconds ({ex.Message}). "
                    + "Wait for the other IamOps session to finish, or give each job its own -Path.", _path, ex);
            }
        }
    }

    /// <summary>True when the file differs from what this process last read or wrote (another process saved it).</summary>
    public bool ChangedElsewhere()
    {
        var now = Stamp();
        return now is not null && now != _seen;
    }

    /// <summary>Records the file as this process now knows it: just written, or just opened.</summary>
    public void MarkSeen() => _seen = Stamp();

    /// <summary>The state another process saved; its stamp is taken first, so a newer save is noticed next time.</summary>
    public State.AccountState Reload()
    {
        var stamp = Stamp();
        var state = AccountStateFile.Read(_path);
        _seen = stamp;
        return state;
    }

    /// <summary>Another kind of state (an organization's) another process saved, read with <paramref name="read"/>.</summary>
    public T Reload<T>(Func<string, T> read)
    {
        var stamp = Stamp();
        var state = read(_path);
        _seen = stamp;
        return state;
    }

    /// <summary>Saves another kind of state with <paramref name="write"/> under the lock this process holds.</summary>
    public void Save(Action<string> write)
    {
        write(_path);
        MarkSeen();
    }

    /// <summary>Saves under the lock this process holds, and remembers the result as seen.</summary>
    public void Save(State.AccountState state)
    {
        AccountStateFile.Write(_path, state);
        MarkSeen();
    }

    private (long Length, long WriteTicks)? Stamp()
    {
        var info = new FileInfo(_path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc.Ticks) : null;
    }
}

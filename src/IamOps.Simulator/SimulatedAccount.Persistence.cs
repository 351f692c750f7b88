using IamOps.Simulator.State;

namespace IamOps.Simulator;

// The state file: saving, loading, and sharing one file between processes.
public sealed partial class SimulatedAccount
{
    private SharedStateFile? _stateFile;

    /// <summary>
    /// When set, the account is kept in this file: each change that succeeds is saved under a lock that other processes
    /// using the same file respect, and a change another process saved is read before the next call.
    /// </summary>
    public string? StatePath
    {
        get => _stateFile?.FilePath;
        set
        {
            _stateFile = value is null ? null : new SharedStateFile(value);
            _stateFile?.MarkSeen();
        }
    }

    /// <summary>Writes the account to <paramref name="path"/> atomically (temp file, then rename), readable by the owner only.</summary>
    public void Save(string path)
    {
        lock (Gate)
        {
            AccountStateFile.Write(path, State);
        }
    }

    /// <summary>Reads an account saved by <see cref="Save"/>; a corrupt or foreign file fails with SandboxStateInvalid and is left as it is.</summary>
    public static SimulatedAccount Load(string path, SimulatorClock? clock = null) => new(AccountStateFile.Read(path), clock);

    /// <summary>A change made outside an API call (the sandbox's own setup), on the newest state and saved as calls are: under the state file's lock.</summary>
    private void ChangeAndSave(Action change)
    {
        lock (Gate)
        {
            using var held = _stateFile?.Lock();
            ReloadWhenChangedElsewhere();
            change();
            _stateFile?.Save(State);
        }
    }

    /// <summary>Takes up what another process saved to the state file since this one last read or wrote it. Call under <see cref="Gate"/>.</summary>
    private void ReloadWhenChangedElsewhere()
    {
        if (_stateFile?.ChangedElsewhere() == true)
        {
            State = _stateFile.Reload();
            Keys.Rebuild(State);
        }
    }

    /// <summary>Saves a change made by a call. Call under <see cref="Gate"/> and the state file's lock.</summary>
    private void SaveChange() => _stateFile?.Save(State);

    /// <summary>The state file's lock for a mutating call, or nothing for a read or an account kept only in memory.</summary>
    private IDisposable? LockForChange(bool mutating) => mutating ? _stateFile?.Lock() : null;
}

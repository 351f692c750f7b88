using System.Threading;

namespace IamOps.RoleAssume;

/// <summary>
/// The role session an Invoke-IamRoleAssume -ScriptBlock is running under: IamOps cmdlets inside the block use it when
/// they are given no credentials of their own.
/// </summary>
public static class AmbientRoleCredentials
{
    private static readonly AsyncLocal<TemporarySession?> CurrentSession = new();

    public static TemporarySession? Current => CurrentSession.Value;

    /// <summary>Makes <paramref name="session"/> current until the returned scope is disposed, which restores the previous one.</summary>
    public static IDisposable Use(TemporarySession session)
    {
        var previous = CurrentSession.Value;
        CurrentSession.Value = session;
        return new Restore(() => CurrentSession.Value = previous);
    }

    private sealed class Restore : IDisposable
    {
        private Action? _undo;

        public Restore(Action undo) => _undo = undo;

        public void Dispose()
        {
            Interlocked.Exchange(ref _undo, null)?.Invoke();
        }
    }
}

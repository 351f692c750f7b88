using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using IamOps.AccountFanOut;
using IamOps.RoleAssume;

namespace IamOps.Cmdlets;

/// <summary>
/// Invoke-IamInAccount's runspaces: a pool with IamOps imported and the caller's sandbox and AWS.Tools session defaults,
/// where each account's script block runs with <c>$_</c> (the account object), <c>$IamOpsAccount</c>, the caller's
/// -WhatIf and -Verbose, and that account's session as every IamOps command's default credentials.
/// </summary>
internal sealed class FanOutRunspaces : IDisposable
{
    // Runs in a local scope of a pooled runspace, so nothing it sets outlives the account.
    private const string Wrapper = @"
param($IamOpsFanOutScript, $IamOpsFanOutInput, $IamOpsAccount, $IamOpsFanOutUsing, $IamOpsFanOutWhatIf, $IamOpsFanOutVerbose, $IamOpsFanOutDefaults)
if ($IamOpsFanOutWhatIf) { $WhatIfPreference = $true }
if ($IamOpsFanOutVerbose) { $VerbosePreference = 'Continue' }
if ($IamOpsFanOutDefaults) { $PSDefaultParameterValues = $IamOpsFanOutDefaults }
$IamOpsFanOutInput | ForEach-Object -Process ([scriptblock]::Create($IamOpsFanOutScript))
";

    private readonly RunspacePool _pool;

    private FanOutRunspaces(RunspacePool pool, FanOutBlock block, bool whatIf, bool verbose)
    {
        _pool = pool;
        Block = block;
        WhatIf = whatIf;
        Verbose = verbose;
    }

    /// <summary>The block's text and the $using: values read from the caller.</summary>
    public FanOutBlock Block { get; }

    public bool WhatIf { get; }

    public bool Verbose { get; }

    /// <summary>Opens a pool of up to <paramref name="size"/> runspaces importing <paramref name="modulePath"/>, with <paramref name="variables"/> set in each.</summary>
    public static RunspacePool OpenPool(int size, string modulePath, IEnumerable<KeyValuePair<string, object?>> variables)
    {
        // Sessions like the caller's: the same built-in commands (a host's own snap-ins, or auto-loaded modules) and settings.
        var state = Runspace.DefaultRunspace?.InitialSessionState?.Clone() ?? InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { modulePath });
        foreach (var variable in variables)
        {
            state.Variables.Add(new SessionStateVariableEntry(variable.Key, variable.Value, string.Empty));
        }

        var pool = RunspaceFactory.CreateRunspacePool(state);
        pool.SetMaxRunspaces(size);
        // A new thread per invocation, started from the thread that made the account's session current: a reused
        // thread would keep the session of the account it first ran.
        pool.ThreadOptions = PSThreadOptions.UseNewThread;
        pool.Open();
        return pool;
    }

    public static FanOutRunspaces Over(RunspacePool pool, FanOutBlock block, bool whatIf, bool verbose) => new(pool, block, whatIf, verbose);

    /// <summary>
    /// Runs the block for one account on a thread of its own, with <paramref name="session"/> as the ambient credentials
    /// (null: the caller's own defaults); its output and stream records go to <paramref name="output"/> as they come.
    /// </summary>
    public Task RunAsync(FanOutAccount account, object blockInput, TemporarySession? session, Hashtable? defaults, FanOutOutput output, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() =>
        {
            using var ambient = session is null ? null : AmbientRoleCredentials.Use(session);
            using var ps = PowerShell.Create();
            ps.RunspacePool = _pool;
            ps.AddScript(Wrapper, useLocalScope: true)
                .AddArgument(Block.Text).AddArgument(blockInput).AddArgument(account).AddArgument(Block.Using)
                .AddArgument(WhatIf).AddArgument(Verbose).AddArgument(defaults);
            Forward(ps, output);
            var results = new PSDataCollection<PSObject>();
            results.DataAdded += (_, added) => output.Write(results[added.Index]);
            using var stop = cancellationToken.Register(() => ps.BeginStop(null, null));
            try
            {
                ps.Invoke(null, results);
            }
            catch (RuntimeException ended) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IamOpsException("AccountScriptFailed", FailureKind.InvalidOperation, ended.Message, account.Id, ended);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Forward(PowerShell ps, FanOutOutput output)
    {
        var streams = ps.Streams;
        streams.Error.DataAdded += (_, added) =>
        {
            var record = streams.Error[added.Index];
            output.WriteError(new FanOutRecord(record), FanOutRecord.ErrorIdOf(record), record.ToString());
        };
        streams.Warning.DataAdded += (_, added) => output.Write(new FanOutRecord(streams.Warning[added.Index]));
        streams.Verbose.DataAdded += (_, added) => output.Write(new FanOutRecord(streams.Verbose[added.Index]));
        streams.Debug.DataAdded += (_, added) => output.Write(new FanOutRecord(streams.Debug[added.Index]));
        streams.Information.DataAdded += (_, added) => output.Write(new FanOutRecord(streams.Information[added.Index]));
    }

    public void Dispose() => _pool.Dispose();
}

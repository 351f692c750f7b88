using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using IamOps.AccountFanOut;
using IamOps.RoleAssume;

namespace IamOps.Cmdlets;

/// <summary>
/// Invoke-IamInAccount's runspaces: IamOps' commands and views, and the caller's sandbox and AWS.Tools session defaults, where
/// each account's script block runs with <c>$_</c> (the account object), <c>$IamOpsAccount</c>, the caller's -WhatIf,
/// -Verbose and -Confirm:$false, and that account's session as every IamOps command's default credentials.
/// </summary>
/// <remarks>
/// IamOps' commands are the cmdlets of the module the caller imported, added to each runspace directly (so
/// <c>Get-Module</c> inside the block does not list IamOps, as in <c>ForEach-Object -Parallel</c> until a command loads it).
/// Not a <see cref="RunspacePool"/>: a pool opens its runspaces one after another on one thread, so fifty accounts wait
/// on fifty openings in a row. Here an account opens its runspace itself (or takes one an earlier account left idle)
/// while its role is being assumed, so openings overlap each other and the STS round trip. There are never more
/// runspaces than accounts running at once.
/// </remarks>
internal sealed class FanOutRunspaces : IDisposable
{
    // Runs in a local scope, so nothing it sets outlives the account when a later account reuses the runspace.
    private const string Wrapper = @"
param($IamOpsFanOutScript, $IamOpsFanOutInput, $IamOpsAccount, $IamOpsFanOutUsing, $IamOpsFanOutWhatIf, $IamOpsFanOutVerbose, $IamOpsFanOutNoConfirm, $IamOpsFanOutDefaults)
if ($IamOpsFanOutWhatIf) { $WhatIfPreference = $true }
if ($IamOpsFanOutVerbose) { $VerbosePreference = 'Continue' }
if ($IamOpsFanOutNoConfirm) { $ConfirmPreference = 'None' }
if ($IamOpsFanOutDefaults) { $PSDefaultParameterValues = $IamOpsFanOutDefaults }
$IamOpsFanOutInput | ForEach-Object -Process ([scriptblock]::Create($IamOpsFanOutScript))
";

    // PowerShell's own type data; a type table is safe to share between runspaces, and loading it once saves every fan-out the cost.
    private static readonly Lazy<TypeTable> SharedTypes = new(TypeTable.LoadDefaultTypeFiles, LazyThreadSafetyMode.ExecutionAndPublication);

    private const string CannotAsk = "A script block run by Invoke-IamInAccount cannot ask: to answer yes in every account, run Invoke-IamInAccount -Confirm:$false (or add -Confirm:$false to the command in the block); to see what would change first, add -WhatIf.";

    private readonly InitialSessionState _state;
    private readonly ConcurrentBag<Runspace> _idle = new();
    private readonly ConcurrentBag<Runspace> _opened = new();

    private FanOutRunspaces(InitialSessionState state, FanOutBlock block, FanOutPreferences preferences)
    {
        _state = state;
        Block = block;
        Preferences = preferences;
    }

    /// <summary>The block's text and the $using: values read from the caller.</summary>
    public FanOutBlock Block { get; }

    public FanOutPreferences Preferences { get; }

    /// <summary>How many runspaces were opened (at most the number of accounts that ran at once).</summary>
    public int Opened => _opened.Count;

    /// <summary>
    /// Runspaces like the session of <paramref name="caller"/> (the same built-in commands: a host's own snap-ins, or
    /// auto-loaded modules) with IamOps' commands and views, and <paramref name="variables"/> set in each.
    /// </summary>
    public static FanOutRunspaces Create(PSCmdlet caller, IEnumerable<KeyValuePair<string, object?>> variables, FanOutBlock block, FanOutPreferences preferences)
    {
        var commands = ModuleCmdlets(caller);
        var formats = ModuleFormats(caller);
        var state = Runspace.DefaultRunspace?.InitialSessionState?.Clone() ?? InitialSessionState.CreateDefault2();

        // One type table and one format table for all the runspaces, instead of every runspace loading its own.
        state.Types.Clear();
        state.Types.Add(new SessionStateTypeEntry(SharedTypes.Value));
        var formatTable = FormatTable.LoadDefaultFormatFiles();
        formatTable.AppendFormatData(formats);
        state.Formats.Clear();
        state.Formats.Add(new SessionStateFormatEntry(formatTable));
        foreach (var command in commands)
        {
            state.Commands.Add(new SessionStateCmdletEntry(command.Name, command.ImplementingType, command.HelpFile));
        }

        foreach (var variable in variables)
        {
            state.Variables.Add(new SessionStateVariableEntry(variable.Key, variable.Value, string.Empty));
        }

        return new FanOutRunspaces(state, block, preferences);
    }

    /// <summary>An idle runspace, or a new one opened on a pool thread (so openings for several accounts overlap).</summary>
    private Task<Runspace> RentAsync(CancellationToken cancellationToken) =>
        _idle.TryTake(out var idle) ? Task.FromResult(idle) : Task.Run(Open, cancellationToken);

    /// <summary>Gives a runspace back for the next account (a runspace still busy, after a cancelled run, is closed instead).</summary>
    private void Return(Runspace runspace)
    {
        if (runspace.RunspaceAvailability == RunspaceAvailability.Available)
        {
            _idle.Add(runspace);
        }
        else
        {
            runspace.Dispose();
        }
    }

    /// <summary>
    /// Connects to an account (<paramref name="connect"/>: its role session) while its runspace opens, so the two overlap;
    /// when the session cannot be made the runspace goes back for the next account.
    /// </summary>
    public async Task<FanOutLease> ConnectAsync(Func<CancellationToken, Task<TemporarySession?>> connect, CancellationToken cancellationToken)
    {
        var renting = RentAsync(cancellationToken);
        try
        {
            return new FanOutLease(await connect(cancellationToken).ConfigureAwait(false), renting);
        }
        catch
        {
            // Back before this account's slot is free, so the next account finds it idle instead of opening another.
            try
            {
                Return(await renting.ConfigureAwait(false));
            }
            catch (Exception) when (renting.IsFaulted || renting.IsCanceled)
            {
                // Opening failed or was cancelled as well; the session's failure is the one to report.
            }

            throw;
        }
    }

    /// <summary>Runs the block for one account in the runspace of its lease, then gives the runspace back.</summary>
    public async Task RunAsync(FanOutAccount account, FanOutLease lease, object blockInput, Hashtable? defaults, FanOutOutput output, CancellationToken cancellationToken)
    {
        var runspace = await lease.Runspace.ConfigureAwait(false);
        try
        {
            await RunAsync(account, runspace, blockInput, lease.Session, defaults, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Return(runspace);
        }
    }

    /// <summary>
    /// Runs the block for one account in <paramref name="runspace"/>, on a thread of its own, with <paramref name="session"/>
    /// as the ambient credentials (null: the caller's own defaults); its output and stream records go to
    /// <paramref name="output"/> as they come.
    /// </summary>
    private Task RunAsync(FanOutAccount account, Runspace runspace, object blockInput, TemporarySession? session, Hashtable? defaults, FanOutOutput output, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() =>
        {
            // The block runs on this thread (the runspace uses the current thread), where the account's session is current.
            using var ambient = session is null ? null : AmbientRoleCredentials.Use(session);
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript(Wrapper, useLocalScope: true)
                .AddArgument(Block.Text).AddArgument(blockInput).AddArgument(account).AddArgument(Block.Using)
                .AddArgument(Preferences.WhatIf).AddArgument(Preferences.Verbose).AddArgument(Preferences.NoConfirm).AddArgument(defaults);
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

    /// <summary>
    /// IamOps' cmdlets, from the already loaded assembly: those the module exports, or (hosted without the module) every
    /// cmdlet of the assembly. Importing the module again in every runspace costs more than the rest of opening it, and
    /// many imports at once crowd each other out on a small machine.
    /// </summary>
    private static IEnumerable<CmdletInfo> ModuleCmdlets(PSCmdlet caller)
    {
        if (caller.MyInvocation.MyCommand.Module is { } module && module.ExportedCmdlets.Count > 0)
        {
            return module.ExportedCmdlets.Values;
        }

        return typeof(FanOutRunspaces).Assembly.GetExportedTypes()
            .Select(type => (Type: type, Attribute: (CmdletAttribute?)Attribute.GetCustomAttribute(type, typeof(CmdletAttribute))))
            .Where(c => c.Attribute is not null && !c.Type.IsAbstract)
            .Select(c => new CmdletInfo($"{c.Attribute!.VerbName}-{c.Attribute.NounName}", c.Type));
    }

    /// <summary>IamOps' views as the caller's session has them, for the runspaces' own formatting (none where Get-FormatData is missing).</summary>
    private static IEnumerable<ExtendedTypeDefinition> ModuleFormats(PSCmdlet caller)
    {
        var getFormatData = FanOutViews.UtilityCmdlet(caller, "Get-FormatData", "Microsoft.PowerShell.Commands.GetFormatDataCommand");
        if (getFormatData is null)
        {
            return Array.Empty<ExtendedTypeDefinition>();
        }

        using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
        return ps.AddCommand(getFormatData).AddParameter("TypeName", "IamOps.*").Invoke<ExtendedTypeDefinition>();
    }

    public void Dispose()
    {
        foreach (var runspace in _opened)
        {
            runspace.Dispose();
        }
    }

    private Runspace Open()
    {
        var runspace = RunspaceFactory.CreateRunspace(_state);
        runspace.ThreadOptions = PSThreadOptions.UseCurrentThread;
        _opened.Add(runspace);
        runspace.Open();
        return runspace;
    }

    private static void Forward(PowerShell ps, FanOutOutput output)
    {
        var streams = ps.Streams;
        streams.Error.DataAdded += (_, added) =>
        {
            var record = streams.Error[added.Index];
            if (record.Exception is HostException)
            {
                // A command in the block asked to confirm (or to read input): nobody can answer in these runspaces.
                record.ErrorDetails = new ErrorDetails(record.Exception.Message + " " + CannotAsk) { RecommendedAction = CannotAsk };
            }

            output.WriteError(new FanOutRecord(record), FanOutRecord.ErrorIdOf(record), record.ErrorDetails?.Message ?? record.ToString());
        };
        streams.Warning.DataAdded += (_, added) => output.Write(new FanOutRecord(streams.Warning[added.Index]));
        streams.Verbose.DataAdded += (_, added) => output.Write(new FanOutRecord(streams.Verbose[added.Index]));
        streams.Debug.DataAdded += (_, added) => output.Write(new FanOutRecord(streams.Debug[added.Index]));
        streams.Information.DataAdded += (_, added) => output.Write(new FanOutRecord(streams.Information[added.Index]));
    }
}

/// <summary>An account's role session (null: the caller's own credentials) and the runspace its block will run in, once opened.</summary>
internal sealed record FanOutLease(TemporarySession? Session, Task<Runspace> Runspace);

/// <summary>The caller's preferences that flow into every account's block.</summary>
internal sealed record FanOutPreferences(bool WhatIf, bool Verbose, bool NoConfirm);

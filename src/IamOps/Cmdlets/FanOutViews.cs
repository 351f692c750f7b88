using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace IamOps.Cmdlets;

/// <summary>
/// The views that group Invoke-IamInAccount's IamOps objects by account (IamOps.InAccount.Format.ps1xml beside
/// IamOps.dll), added to the caller's session the first time it runs there, so that Import-Module does not pay for them.
/// </summary>
internal static class FanOutViews
{
    public const string FileName = "IamOps.InAccount.Format.ps1xml";

    private static readonly ConditionalWeakTable<object, object> Loaded = new();

    /// <summary>Loads the views into the session once; null when they are there, else why they could not be (for verbose output).</summary>
    public static string? Ensure(PSCmdlet cmdlet)
    {
        var session = (object?)Runspace.DefaultRunspace ?? cmdlet.SessionState;
        if (Loaded.TryGetValue(session, out _))
        {
            return null;
        }

        var file = Path.Combine(Path.GetDirectoryName(typeof(FanOutViews).Assembly.Location) ?? string.Empty, FileName);
        if (!File.Exists(file))
        {
            return $"{file} is missing, so output is shown in each type's own view (AccountId is still on every object).";
        }

        var update = UtilityCmdlet(cmdlet, "Update-FormatData", "Microsoft.PowerShell.Commands.UpdateFormatDataCommand");
        if (update is null)
        {
            return "Update-FormatData is not available here, so output is shown in each type's own view (AccountId is still on every object).";
        }

        using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
        ps.AddCommand(update).AddParameter("AppendPath", file);
        try
        {
            ps.Invoke();
        }
        catch (RuntimeException cannot)
        {
            return $"The views grouped by account could not be loaded ({cannot.Message}); output is shown in each type's own view.";
        }

        if (ps.HadErrors)
        {
            return $"The views grouped by account could not be loaded ({ps.Streams.Error[0]}); output is shown in each type's own view.";
        }

        Loaded.Add(session, file);
        return null;
    }

    /// <summary>
    /// A command of Microsoft.PowerShell.Utility by name (auto-loading the module), or by its type: a host without that
    /// module on its module path may still have the assembly loaded. Null when neither.
    /// </summary>
    public static CmdletInfo? UtilityCmdlet(PSCmdlet cmdlet, string name, string typeName) =>
        cmdlet.InvokeCommand.GetCmdlet(name)
        ?? AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(typeName, throwOnError: false))
            .Where(t => t is not null)
            .Select(t => new CmdletInfo(name, t))
            .FirstOrDefault();
}

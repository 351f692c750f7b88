using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace IamOps.Host;

/// <summary>The program: parses the command line, opens a runspace on <see cref="ConsoleHost"/>, imports IamOps, runs, and sets the exit code.</summary>
internal static class ScriptRunner
{
    private const string Usage =
        "Usage: IamOps.Host -File <script.ps1> [arguments...]\n"
        + "       IamOps.Host -Command \"<PowerShell text>\"\n"
        + "Runs the script with the IamOps module imported (from IamOps.psd1, found by walking up from the current\n"
        + "directory, or named by IAMOPS_MANIFEST) and renders output through Out-Default.";

    public static int Main(string[] args)
    {
        if (args.Length < 2 || !(IsSwitch(args[0], "File") || IsSwitch(args[0], "Command")))
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }

        string script;
        if (IsSwitch(args[0], "File"))
        {
            var path = Path.GetFullPath(args[1]);
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"The script '{args[1]}' does not exist.");
                return 66;
            }

            script = "& " + Quote(path) + string.Concat(args.Skip(2).Select(a => " " + AsArgument(a)));
        }
        else
        {
            script = string.Join(" ", args.Skip(1));
        }

        var manifest = ModuleLocator.FindManifest();
        if (manifest is null)
        {
            Console.Error.WriteLine("IamOps.psd1 was not found. Run from the repository (after 'dotnet build') or set IAMOPS_MANIFEST to the manifest's path.");
            return 66;
        }

        return Run(script, manifest);
    }

    private static int Run(string script, string manifest)
    {
        var host = new ConsoleHost();
        // The full SDK: every standard module a runbook uses (Utility, Management, Security) is in the session.
        var state = InitialSessionState.CreateDefault2();

        using var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();

        using (var import = PowerShell.Create())
        {
            import.Runspace = runspace;
            import.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop");
            if (!TryInvoke(import, host))
            {
                return 1;
            }
        }

        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.All, PipelineResultTypes.Output);
        ps.AddCommand("Out-Default");
        ps.Streams.Progress.DataAdded += (_, e) => host.UI.WriteProgress(0, ps.Streams.Progress[e.Index]);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            ps.BeginStop(null, null);
        };

        var completed = TryInvoke(ps, host);
        if (host.ExitCode is int exitCode)
        {
            return exitCode;
        }

        return completed ? 0 : 1;
    }

    private static bool TryInvoke(PowerShell ps, ConsoleHost host)
    {
        try
        {
            ps.Invoke();
            return ps.InvocationStateInfo.State != PSInvocationState.Stopped;
        }
        catch (RuntimeException ex)
        {
            host.UI.WriteErrorLine(Describe(ex.ErrorRecord));
            return false;
        }
        catch (InvalidOperationException ex)
        {
            host.UI.WriteErrorLine(ex.Message);
            return false;
        }
    }

    /// <summary>The concise form pwsh uses: the command that failed, then the message; no stack trace.</summary>
    private static string Describe(ErrorRecord record)
    {
        var text = new StringBuilder();
        var command = record.InvocationInfo?.MyCommand?.Name;
        if (!string.IsNullOrEmpty(command))
        {
            text.Append(command).Append(": ");
        }

        text.Append(record.ErrorDetails?.Message ?? record.Exception.Message);
        return text.ToString();
    }

    private static bool IsSwitch(string arg, string name) =>
        (arg.StartsWith('-') || arg.StartsWith('/')) && string.Equals(arg.TrimStart('-', '/'), name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Leaves <c>-Name</c> tokens bare so PowerShell binds them as parameter names, as pwsh -File does.</summary>
    private static string AsArgument(string arg) =>
        arg.Length > 1 && arg[0] == '-' && char.IsLetter(arg[1]) && arg.All(c => char.IsLetterOrDigit(c) || c == '-' || c == ':' || c == '_')
            ? arg
            : Quote(arg);

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static CultureInfo Culture => CultureInfo.CurrentCulture;
}

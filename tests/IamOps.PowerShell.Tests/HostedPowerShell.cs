using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// Runs a script in a fresh runspace of the real PowerShell engine with IamOps imported from ../../IamOps.psd1,
/// exactly as a user imports it, and returns the output and every stream.
/// </summary>
public static class HostedPowerShell
{
    static HostedPowerShell()
    {
        // Tests must never read the developer's real AWS configuration or wait on instance metadata.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var empty = Path.Combine(Path.GetTempPath(), "iamops-tests-no-aws-config");
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(empty, "config"));
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(empty, "credentials"));
        foreach (var name in new[] { "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_IAM", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ManifestPath => Path.Combine(RepoRoot, "IamOps.psd1");

    /// <summary>Runs <paramref name="script"/> with IamOps imported; <paramref name="variables"/> become session variables.</summary>
    public static PowerShellRun Run(string script, IDictionary<string, object?>? variables = null, bool importModule = true, PSHost? host = null, IReadOnlyList<string>? capture = null)
    {
        var state = InitialSessionState.CreateDefault2();
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            state.Variables.Add(new SessionStateVariableEntry(name, value, string.Empty));
        }

        using var runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        if (importModule)
        {
            ps.AddCommand("Import-Module").AddParameter("Name", ManifestPath).AddParameter("ErrorAction", "Stop");
            ps.Invoke();
            ps.Commands.Clear();
        }

        ps.AddScript(script);
        var output = new PSDataCollection<PSObject>();
        ErrorRecord? terminating = null;
        try
        {
            ps.Invoke(null, output);
        }
        catch (RuntimeException ex)
        {
            terminating = ex.ErrorRecord;
        }

        return new PowerShellRun
        {
            Output = new(output.ToList()),
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.ToList(),
            Verbose = ps.Streams.Verbose.ToList(),
            Debug = ps.Streams.Debug.ToList(),
            Information = ps.Streams.Information.ToList(),
            Progress = ps.Streams.Progress.ToList(),
            Terminating = terminating,
            Variables = (capture ?? Array.Empty<string>()).ToDictionary(name => name, name => (object?)runspace.SessionStateProxy.GetVariable(name)),
        };
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IamOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IamOps.sln was not found above " + AppContext.BaseDirectory);
    }
}

using System.Collections.Concurrent;
using System.Reflection;

namespace IamOps.Sandbox;

/// <summary>
/// Finds IamOps.Simulator beside the module assembly and opens sandboxes with it. The simulator references this
/// assembly (it implements our ports), so this side reaches it by name, only when a sandbox is asked for.
/// </summary>
public static class SandboxLoader
{
    /// <summary>The environment variable that puts a whole session (a CI job testing runbooks) in a sandbox.</summary>
    public const string EnvironmentVariable = "IAMOPS_SANDBOX";

    private const string SimulatorAssembly = "IamOps.Simulator";
    private const string FactoryType = "IamOps.Simulator.SandboxFactory";
    private static readonly ConcurrentDictionary<string, ISandbox> FromEnvironment = new(StringComparer.Ordinal);
    private static readonly Lazy<ISandboxFactory> Factory = new(LoadFactory);

    public static ISandbox Open(string? statePath, string? accountId) =>
        Factory.Value.Open(statePath is null ? null : Path.GetFullPath(statePath), accountId);

    /// <summary>An organization sandbox: a management account and <paramref name="memberAccounts"/> members (loaded when the path holds one).</summary>
    public static ISandbox OpenOrganization(string? statePath, string? managementAccountId, int memberAccounts) =>
        Factory.Value.OpenOrganization(statePath is null ? null : Path.GetFullPath(statePath), managementAccountId, memberAccounts);

    /// <summary>The sandbox IAMOPS_SANDBOX names, opened once per process and path; null when the variable is unset.</summary>
    public static ISandbox? FromEnvironmentVariable()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(path) ? null : FromEnvironment.GetOrAdd(Path.GetFullPath(path!), full => Open(full, null));
    }

    private static ISandboxFactory LoadFactory()
    {
        var folder = Path.GetDirectoryName(typeof(SandboxLoader).Assembly.Location) ?? string.Empty;
        var path = Path.Combine(folder, SimulatorAssembly + ".dll");
        try
        {
            var assembly = LoadSimulator(path);
            var type = assembly.GetType(FactoryType, throwOnError: true)!;
            return (ISandboxFactory)Activator.CreateInstance(type)!;
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException or InvalidCastException)
        {
            throw new IamOpsException("SandboxUnavailable", FailureKind.ResourceUnavailable,
                $"The sandbox needs {SimulatorAssembly}.dll beside IamOps.dll ({folder}); rebuild the module ('dotnet build') or reinstall it.", path, ex);
        }
    }

    // The simulator implements our ports, so it must bind to this very IamOps: loading it by name goes through the load
    // context this assembly lives in (PowerShell 7: IamOps' private one, which finds it in the module folder). Only where
    // that context does not know the folder (Windows PowerShell, or IamOps imported as a bare dll) does the path serve.
    private static Assembly LoadSimulator(string path)
    {
        try
        {
            return Assembly.Load(new AssemblyName(SimulatorAssembly));
        }
        catch (FileNotFoundException)
        {
            return Assembly.LoadFrom(path);
        }
    }
}

using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;

namespace IamOps.LoadContext;

/// <summary>
/// Runs when PowerShell imports this assembly, the manifest's nested module: loads IamOps.dll (privately on PowerShell 7,
/// see <see cref="ModuleLoadContext"/>) and imports it into the module being imported, whose session state is the current
/// one while PowerShell imports nested modules; the manifest's CmdletsToExport then decides what IamOps exports. All in
/// C#: a script root module would cost Import-Module the PowerShell compiler's cold start.
/// </summary>
public sealed class ModuleImport : IModuleAssemblyInitializer
{
    /// <summary>"Default" loads IamOps.dll into the default load context on PowerShell 7 too, as Windows PowerShell does.</summary>
    public const string LoadContextVariable = "IAMOPS_LOAD_CONTEXT";

    private static int _imports;

    public void OnImport()
    {
        // The first import in a process that has no IamOps.dll loaded yet: this assembly was just loaded from the bin/
        // folder of the manifest being imported, and no earlier IamOps module can be left to forget. The two lookups
        // below are then skipped; each is a nested pipeline, and together they were a quarter of Import-Module's time.
        var first = Interlocked.Increment(ref _imports) == 1 && !IamOpsLoaded() && File.Exists(Path.Combine(OwnFolder(), "IamOps.dll"));
        using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
        var path = Path.Combine(first ? OwnFolder() : ModuleFolder(ps), "IamOps.dll");
        var assembly = UsePrivateContext() ? LoadPrivately(path) : Assembly.LoadFrom(path);

        if (!first)
        {
            // Import-Module -Assembly does not import again a file it still has a module for (one that Remove-Module or
            // Import-Module -Force of IamOps left behind, PowerShell issue #20710): forget that one first.
            var stale = ps.AddCommand("Get-Module").AddParameter("All").Invoke<PSModuleInfo>()
                .Where(m => m.ModuleType == ModuleType.Binary && string.Equals(m.Path, assembly.Location, StringComparison.OrdinalIgnoreCase))
                .ToArray();
            ps.Commands.Clear();
            if (stale.Length > 0)
            {
                ps.AddCommand("Remove-Module").AddParameter("ModuleInfo", stale).AddParameter("Force").Invoke();
                ps.Commands.Clear();
            }
        }

        ps.AddCommand("Import-Module").AddParameter("Assembly", assembly).AddParameter("ErrorAction", ActionPreference.Stop).Invoke();
    }

    private static string OwnFolder() => Path.GetDirectoryName(typeof(ModuleImport).Assembly.Location) ?? string.Empty;

    // In any load context (AppDomain lists them all).
    private static bool IamOpsLoaded() =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => string.Equals(a.GetName().Name, "IamOps", StringComparison.OrdinalIgnoreCase));

    // The bin/ folder (where the manifest's NestedModules entry points) of the manifest being imported, which is the
    // current module while PowerShell imports its nested modules. Not this assembly's own folder: for a second IamOps
    // folder in the process (the packaged copy beside the repository's) PowerShell hands out the IamOps.LoadContext it
    // already loaded, and that must still load the second folder's IamOps.dll, into a context of its own.
    private static string ModuleFolder(PowerShell ps)
    {
        var manifest = ps.AddCommand(new CmdletInfo("Get-IamOpsImportingModule", typeof(GetImportingModuleCommand))).Invoke<PSModuleInfo>().FirstOrDefault();
        ps.Commands.Clear();
        var folder = manifest is null ? null : Path.Combine(manifest.ModuleBase, "bin");
        return folder is not null && File.Exists(Path.Combine(folder, "IamOps.dll"))
            ? folder
            : Path.GetDirectoryName(typeof(ModuleImport).Assembly.Location) ?? string.Empty;
    }

    // Windows PowerShell (.NET Framework) has no load contexts; there the type below must never even be compiled.
    private static bool UsePrivateContext() =>
        typeof(object).Assembly.GetName().Name != "mscorlib"
        && !string.Equals(Environment.GetEnvironmentVariable(LoadContextVariable), "Default", StringComparison.OrdinalIgnoreCase);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Assembly LoadPrivately(string path) => ModuleLoadContext.LoadModule(path);
}

using System.Reflection;
using System.Runtime.Loader;

namespace IamOps.LoadContext;

/// <summary>
/// The private load context IamOps runs in on PowerShell 7: IamOps.dll and every dependency that ships beside it
/// (AWSSDK.*, CsvHelper, IamOps.Policy, IamOps.Simulator, ...) load from the module folder into this context, so a
/// different AWSSDK.Core that another module (AWS.Tools) put in the default context is never bound to ours, nor ours to
/// theirs. What the runtime itself provides (System.*, netstandard) and PowerShell (System.Management.Automation, never
/// in our folder) come from the default context, shared: PowerShell must see our cmdlets derive from its PSCmdlet.
/// Compiled against netstandard2.0 so that Windows PowerShell can load this assembly; only PowerShell 7 touches this type.
/// </summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    private static readonly Dictionary<string, ModuleLoadContext> ByModuleAssembly = new(StringComparer.Ordinal);
    private static readonly string RuntimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;

    private readonly string _folder;

    private ModuleLoadContext(string moduleAssemblyPath)
    {
        _folder = Path.GetDirectoryName(moduleAssemblyPath) ?? string.Empty;
        ModuleAssembly = LoadFromAssemblyPath(moduleAssemblyPath);
    }

    /// <summary>The module assembly (IamOps.dll) as loaded in this context.</summary>
    public Assembly ModuleAssembly { get; }

    /// <summary>
    /// Loads the module assembly at <paramref name="moduleAssemblyPath"/> into its private context, once per process and
    /// path: a second import (-Force, another runspace) gets the same assembly, so the module's types and statics stay one.
    /// </summary>
    public static Assembly LoadModule(string moduleAssemblyPath)
    {
        var path = Path.GetFullPath(moduleAssemblyPath);
        lock (ByModuleAssembly)
        {
            if (!ByModuleAssembly.TryGetValue(path, out var context))
            {
                context = new ModuleLoadContext(path);
                ByModuleAssembly.Add(path, context);
            }

            return context.ModuleAssembly;
        }
    }

    /// <summary>Ours when it ships in the module folder and the runtime has no version at least as new; else the default context's.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.IsNullOrEmpty(assemblyName.Name))
        {
            return null;
        }

        var candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
        if (!File.Exists(candidate) || RuntimeProvides(assemblyName))
        {
            return null;
        }

        return LoadFromAssemblyPath(candidate);
    }

    // The module folder carries netstandard2.0 copies of System.Text.Json, System.Memory, ...: on .NET the runtime's own
    // are newer and must be the ones used, so framework types stay one across the process.
    private static bool RuntimeProvides(AssemblyName assemblyName)
    {
        var framework = Path.Combine(RuntimeDirectory, assemblyName.Name + ".dll");
        if (RuntimeDirectory.Length == 0 || !File.Exists(framework))
        {
            return false;
        }

        var wanted = assemblyName.Version;
        return wanted is null || AssemblyName.GetAssemblyName(framework).Version >= wanted;
    }
}

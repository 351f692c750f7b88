using System.Management.Automation;
using System.Runtime.Loader;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// How IamOps loads (src/IamOps/ModuleLoading.md): on PowerShell 7 the manifest's nested loader, IamOps.LoadContext.dll,
/// puts IamOps.dll and the assemblies shipped beside it in a private load context, shares PowerShell and the runtime, and
/// imports the cmdlets; everything a user does with the module (exports, reimport, type literals, format views, help)
/// still works.
/// </summary>
public sealed class ModuleLoadingTests
{
    private const string PrivateContextType = "IamOps.LoadContext.ModuleLoadContext";

    private static string Bin => Path.Combine(HostedPowerShell.RepoRoot, "bin");

    [Fact]
    public void IamOps_and_the_assemblies_shipped_beside_it_load_privately_while_PowerShell_and_the_runtime_are_shared()
    {
        var run = HostedPowerShell.Run("Enter-IamSandbox | Out-Null; $null = Get-IamCallerIdentity; (Get-Module IamOps).NestedModules");

        Assert.Empty(run.AllErrors);
        var cmdletModule = run.Output.Select(o => (PSModuleInfo)o.BaseObject).Single(m => m.ImplementingAssembly?.GetName().Name == "IamOps");
        var context = AssemblyLoadContext.GetLoadContext(cmdletModule.ImplementingAssembly)!;
        Assert.Equal(PrivateContextType, context.GetType().FullName);
        Assert.NotSame(AssemblyLoadContext.Default, context);

        // PowerShell is shared: the cmdlets derive from the PSCmdlet of the engine that runs them.
        Assert.True(typeof(PSCmdlet).IsAssignableFrom(cmdletModule.ImplementingAssembly.GetType("IamOps.Cmdlets.GetIamCallerIdentityCommand", throwOnError: true)));

        // Private: what ships in bin/ (the SDK, the policy engine, the simulator); shared: what the runtime has.
        var names = context.Assemblies.Select(a => a.GetName().Name!).ToList();
        Assert.Contains("AWSSDK.Core", names);
        Assert.Contains("IamOps.Policy", names);
        Assert.Contains("IamOps.Simulator", names);
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        Assert.All(context.Assemblies, a => Assert.Equal(Bin, Path.GetDirectoryName(a.Location)));
        Assert.All(names, name => Assert.False(File.Exists(Path.Combine(runtime, name + ".dll")), $"{name} is the runtime's and must come from the default context"));

        // One IamOps per module folder and process, however many runspaces (the tests run many in parallel) imported it.
        var ours = Path.Combine(Bin, "IamOps.dll");
        Assert.Same(cmdletModule.ImplementingAssembly, Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.Location == ours));
        Assert.Single(AssemblyLoadContext.All, c => c.GetType().FullName == PrivateContextType && c.Assemblies.Any(a => a.Location == ours));
        // The loader itself lives in the default context, where PowerShell imported it.
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "IamOps.LoadContext")));
    }

    [Fact]
    public void Import_Module_Force_and_Remove_Module_then_Import_Module_export_every_cmdlet_again()
    {
        var run = HostedPowerShell.Run($$"""
            $all = (Get-Module IamOps).ExportedCmdlets.Count
            Import-Module '{{HostedPowerShell.ManifestPath}}' -Force
            $forced = (Get-Module IamOps).ExportedCmdlets.Count
            Remove-Module IamOps
            $removed = @(Get-Command -Name *-Iam* -CommandType Cmdlet).Count
            Import-Module '{{HostedPowerShell.ManifestPath}}'
            $reimported = (Get-Module IamOps).ExportedCmdlets.Count
            Enter-IamSandbox | Out-Null
            "$all $forced $removed $reimported " + (Get-IamCallerIdentity).Arn
            """);

        Assert.Empty(run.AllErrors);
        var parts = Assert.Single(run.Output).ToString().Split(' ');
        Assert.True(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(parts[0], parts[1]);
        Assert.Equal("0", parts[2]);
        Assert.Equal(parts[0], parts[3]);
        Assert.EndsWith(":user/Administrator", parts[4], StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_export_list_still_decides_what_the_module_exports()
    {
        var folder = Directory.CreateTempSubdirectory("iamops-narrow-").FullName;
        var manifest = Path.Combine(folder, "IamOpsNarrow.psd1");
        var loader = Path.Combine(Bin, "IamOps.LoadContext.dll").Replace("'", "''", StringComparison.Ordinal);
        File.WriteAllText(manifest, $"@{{ NestedModules = @('{loader}'); ModuleVersion = '0.1.0'; GUID = '0e5d1c3a-2b7f-4c8e-9f61-7a4b2d9e1c05'; CmdletsToExport = @('Get-IamCallerIdentity'); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }}");

        var run = HostedPowerShell.Run($$"""
            $module = Import-Module '{{manifest}}' -PassThru
            $module.ExportedCmdlets.Keys
            @(Get-Command Enter-IamSandbox -ErrorAction SilentlyContinue).Count
            $module.ExportedFunctions.Count + $module.ExportedVariables.Count + $module.ExportedAliases.Count
            """, importModule: false);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new object[] { "Get-IamCallerIdentity", 0, 0 }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Type_literals_name_the_very_types_the_cmdlets_emit()
    {
        var run = HostedPowerShell.Run("""
            Enter-IamSandbox | Out-Null
            $identity = Get-IamCallerIdentity
            $identity -is [IamOps.Aws.CallerIdentity]
            [IamOps.Aws.CallerIdentity] -eq (Get-Command Get-IamCallerIdentity).OutputType[0].Type
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([IamOps.Aws.CallerIdentity].Assembly).GetType().FullName
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new object[] { true, true, PrivateContextType }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Format_views_still_apply_to_the_privately_loaded_types()
    {
        var result = HostProgramTests.RunHost(["-Command", "Enter-IamSandbox | Out-Null; Get-IamCallerIdentity"]);

        Assert.Equal(0, result.ExitCode);
        // The table view of IamOps.Format.ps1xml, not PowerShell's default list of every property.
        Assert.Matches(@"(?m)^Account\s+Type\s+Arn\s+UserId\s*$", result.Stdout);
    }

    /// <summary>The layout packaging produces (manifest, bin/, en-US/ copied elsewhere), imported after the repository's own.</summary>
    [Fact]
    public void A_second_copy_of_the_module_folder_imported_in_the_same_process_loads_its_own_IamOps_in_its_own_context()
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("iamops-copy-").FullName, "IamOps");
        CopyFolder(Bin, Path.Combine(copy, "bin"));
        CopyFolder(Path.Combine(HostedPowerShell.RepoRoot, "en-US"), Path.Combine(copy, "en-US"));
        File.Copy(HostedPowerShell.ManifestPath, Path.Combine(copy, "IamOps.psd1"));

        var result = HostProgramTests.RunHost(["-Command", $$"""
            $ErrorActionPreference = 'Stop'
            'first ' + (Get-Command Get-IamCallerIdentity).ImplementingType.Assembly.Location
            Remove-Module IamOps
            Import-Module '{{Path.Combine(copy, "IamOps.psd1")}}'
            'second ' + (Get-Command Get-IamCallerIdentity).ImplementingType.Assembly.Location
            Enter-IamSandbox | Out-Null
            'sandbox ' + (Get-IamCallerIdentity).Arn
            'examples ' + @((Get-Help Get-IamCallerIdentity -Full).examples.example).Count
            foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
                if ($assembly.GetName().Name -in 'IamOps', 'IamOps.Simulator') {
                    'loaded ' + $assembly.Location + ' ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).GetHashCode()
                }
            }
            """]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("first " + Path.Combine(Bin, "IamOps.dll"), result.Stdout, StringComparison.Ordinal);
        Assert.Contains("second " + Path.Combine(copy, "bin", "IamOps.dll"), result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"sandbox arn:aws:iam::\d{12}:user/Administrator", result.Stdout);
        Assert.Matches(@"examples [2-9]", result.Stdout);
        var loaded = result.Stdout.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("loaded ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        // The copy's IamOps and its simulator share a context, and it is not the first copy's.
        var first = Assert.Single(loaded, l => l[1] == Path.Combine(Bin, "IamOps.dll"))[2];
        var second = Assert.Single(loaded, l => l[1] == Path.Combine(copy, "bin", "IamOps.dll"))[2];
        Assert.NotEqual(first, second);
        Assert.Equal(second, Assert.Single(loaded, l => l[1] == Path.Combine(copy, "bin", "IamOps.Simulator.dll"))[2]);
    }

    /// <summary>The branch Windows PowerShell 5.1 takes (no load contexts), run on PowerShell 7 through IAMOPS_LOAD_CONTEXT.</summary>
    [Fact]
    public void The_Windows_PowerShell_path_imports_IamOps_dll_as_it_is_with_its_cmdlets_help_views_and_sandbox()
    {
        var result = HostProgramTests.RunHost(["-Command", """
            $module = Get-Module IamOps
            'exported ' + $module.ExportedCmdlets.Count
            'context ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([IamOps.Aws.CallerIdentity].Assembly).Name
            'examples ' + @((Get-Help Get-IamCallerIdentity -Full).examples.example).Count
            Enter-IamSandbox | Out-Null
            Get-IamCallerIdentity
            """], environment: new Dictionary<string, string?> { ["IAMOPS_LOAD_CONTEXT"] = "Default" });

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(string.Empty, result.Stderr.Trim());
        var expected = HostedPowerShell.Run("(Get-Module IamOps).ExportedCmdlets.Count");
        Assert.Contains("exported " + Assert.Single(expected.Output), result.Stdout, StringComparison.Ordinal);
        Assert.Contains("context Default", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"examples [2-9]", result.Stdout);
        Assert.Matches(@"(?m)^Account\s+Type\s+Arn\s+UserId\s*$", result.Stdout);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}

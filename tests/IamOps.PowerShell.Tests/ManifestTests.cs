using System.Management.Automation;
using System.Reflection;

namespace IamOps.PowerShell.Tests;

/// <summary>The manifest is valid, loads the freshly built module, and exports exactly the cmdlets that exist.</summary>
public sealed class ManifestTests
{
    [Fact]
    public void Test_ModuleManifest_passes_and_the_build_takes_its_version_from_the_manifest_alone()
    {
        var run = HostedPowerShell.Run($"Test-ModuleManifest -Path '{HostedPowerShell.ManifestPath}'", importModule: false);

        Assert.Empty(run.AllErrors);
        var module = (PSModuleInfo)Assert.Single(run.Output).BaseObject;
        var version = module.Version.ToString(3);
        // The version is written once, in the manifest; MSBuild's Version (assemblies, package) is read from it.
        var (exitCode, log) = ModulePackage.RunDotnet(["msbuild", Path.Combine("src", "IamOps", "IamOps.csproj"), "-getProperty:Version", "-nologo", "-nodeReuse:false"], TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, log);
        Assert.Equal(version, log.Trim());
        Assert.DoesNotContain(version, File.ReadAllText(Path.Combine(HostedPowerShell.RepoRoot, "Directory.Build.props")), StringComparison.Ordinal);
        Assert.Equal(new[] { "Core", "Desktop" }, module.CompatiblePSEditions);
        Assert.Equal(new Version(5, 1), module.PowerShellVersion);
        Assert.Empty(module.ExportedFunctions);
        Assert.Empty(module.ExportedAliases);
        Assert.Empty(module.ExportedVariables);
        var psData = (System.Collections.Hashtable)((System.Collections.Hashtable)module.PrivateData)["PSData"]!;
        Assert.NotNull(psData["Tags"]);
        Assert.NotNull(psData["ProjectUri"]);
        Assert.NotNull(psData["ReleaseNotes"]);
    }

    [Fact]
    public void Exported_cmdlets_are_exactly_the_cmdlet_classes_of_the_built_assembly()
    {
        var run = HostedPowerShell.Run("Get-Module IamOps");

        Assert.Empty(run.AllErrors);
        var module = (PSModuleInfo)Assert.Single(run.Output).BaseObject;
        // No root module: the nested loader, bin/IamOps.LoadContext.dll, imports the cmdlets of bin/IamOps.dll.
        Assert.Equal(ModuleType.Manifest, module.ModuleType);
        Assert.Contains(module.NestedModules, m => m.Path == Path.Combine(HostedPowerShell.RepoRoot, "bin", "IamOps.LoadContext.dll"));
        var cmdletModule = Assert.Single(module.NestedModules, m => m.ImplementingAssembly?.Location == Path.Combine(HostedPowerShell.RepoRoot, "bin", "IamOps.dll"));
        var classes = cmdletModule.ImplementingAssembly.GetExportedTypes()
            .Select(t => t.GetCustomAttribute<CmdletAttribute>())
            .Where(a => a is not null)
            .Select(a => a!.VerbName + "-" + a.NounName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(classes, module.ExportedCmdlets.Keys.Order(StringComparer.Ordinal));
        var manifestText = File.ReadAllText(HostedPowerShell.ManifestPath);
        Assert.DoesNotContain("'*'", manifestText, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb_and_declares_its_output_type()
    {
        var run = HostedPowerShell.Run("(Get-Module IamOps).ExportedCmdlets.Values");

        Assert.Empty(run.AllErrors);
        Assert.NotEmpty(run.Output);
        foreach (var cmdlet in run.Output.Select(o => (CmdletInfo)o.BaseObject))
        {
            Assert.True(IsApprovedVerb(cmdlet.Verb), $"{cmdlet.Name}: '{cmdlet.Verb}' is not an approved verb");
            Assert.NotEmpty(cmdlet.OutputType);
        }
    }

    private static bool IsApprovedVerb(string verb) =>
        new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Any(f => string.Equals((string?)f.GetValue(null), verb, StringComparison.Ordinal));
}

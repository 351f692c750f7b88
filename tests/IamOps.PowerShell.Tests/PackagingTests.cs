using System.Collections;
using System.IO.Compression;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// The package as a user gets it: the module folder imports and works from a copy of itself alone, and the .nupkg has the
/// layout and metadata PowerShellGet and PSResourceGet install from a local repository.
/// </summary>
public sealed class PackagingTests : IClassFixture<ModulePackage>
{
    /// <summary>What the package may lean on without shipping it: the .NET surface and PowerShell, which loads the module.</summary>
    private static readonly HashSet<string> PlatformAssemblies = new(StringComparer.OrdinalIgnoreCase) { "netstandard", "mscorlib", "System.Management.Automation" };

    /// <summary>
    /// References that are knowingly not shipped. AWSSDK.Core's netstandard2.0 build uses System.Formats.Asn1 only to sign
    /// with SigV4a (S3 multi-region access points), and its package does not declare it; IamOps never signs with SigV4a.
    /// The loader uses System.Runtime.Loader (AssemblyLoadContext) only on PowerShell 7, whose .NET runtime provides it.
    /// </summary>
    private static readonly HashSet<string> KnownUnshipped = new(StringComparer.OrdinalIgnoreCase) { "AWSSDK.Core -> System.Formats.Asn1", "IamOps.LoadContext -> System.Runtime.Loader" };

    /// <summary>The files NuGet adds to every package; PSResourceGet and PowerShellGet remove them when they install.</summary>
    private static readonly string[] NuGetFiles = ["[Content_Types].xml", "_rels/", "package/", "IamOps.nuspec"];

    private readonly ModulePackage package;

    public PackagingTests(ModulePackage package) => this.package = package;

    [Fact]
    public void Real_pwsh_installs_the_nupkg_from_a_local_repository_and_imports_it_by_name()
    {
        // A clean profile: a new HOME holds PSResourceGet's repository list and the CurrentUser module folder.
        var home = Directory.CreateTempSubdirectory("iamops-home-").FullName;
        var repository = Path.GetDirectoryName(package.NupkgPath)!;
        var script = $$"""
            $ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name local -Uri '{{repository}}' -Trusted
            Install-PSResource -Name IamOps -Repository local -Scope CurrentUser -Quiet
            'installed ' + (Get-InstalledPSResource -Name IamOps).Version
            Import-Module IamOps
            'base ' + (Get-Module IamOps).ModuleBase
            'help ' + @((Get-Help Add-IamDeveloper -Full).examples.example).Count
            Enter-IamSandbox -AccountId 123456789012 | Out-Null
            'arn ' + (Get-IamCallerIdentity).Arn
            """;
        try
        {
            var (exitCode, output, errors) = RealPwsh.Run(script, TimeSpan.FromMinutes(5), new Dictionary<string, string?>
            {
                ["HOME"] = home,
                ["XDG_DATA_HOME"] = null,
                ["XDG_CONFIG_HOME"] = null,
                ["XDG_CACHE_HOME"] = null,
            });

            Assert.True(exitCode == 0, output + errors);
            Assert.Contains($"installed {package.Version}", output, StringComparison.Ordinal);
            Assert.Matches($@"base {Regex.Escape(home)}/.*IamOps/{Regex.Escape(package.Version)}", output);
            Assert.Matches(@"help [1-9]", output);
            Assert.Contains("arn arn:aws:iam::123456789012:user/Administrator", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void The_module_folder_is_the_manifest_the_build_layout_and_help_without_debug_or_test_files()
    {
        var files = package.Files();

        Assert.Contains("IamOps.psd1", files);
        Assert.Contains("en-US/IamOps.dll-Help.xml", files);
        Assert.Contains(files, f => f.StartsWith("bin/", StringComparison.Ordinal) && f.EndsWith("/IamOps.Simulator.dll", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("bin/", StringComparison.Ordinal) && f.EndsWith("/Otp.NET.dll", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllText(Path.Combine(HostedPowerShell.RepoRoot, "IamOps.psd1")), File.ReadAllText(package.ManifestPath));
        var unwanted = files.Where(f => f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
                || f.Contains("Tests", StringComparison.OrdinalIgnoreCase)
                || f.Contains("Benchmark", StringComparison.OrdinalIgnoreCase)
                || f.Contains("TrivialModule", StringComparison.OrdinalIgnoreCase)
                || f.Contains("xunit", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith("/System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith("IamOps.Host.dll", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(unwanted.Count == 0, "unwanted files in the package: " + string.Join(", ", unwanted));
        Assert.Contains("IamOps.Package -> ", package.PackLog, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_assembly_in_the_package_finds_the_assemblies_it_references_in_the_package()
    {
        var assemblies = package.Files().Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
        var shipped = assemblies.Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = new List<string>();
        foreach (var file in assemblies)
        {
            using var stream = File.OpenRead(Path.Combine(package.ModuleFolder, file));
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                var name = metadata.GetString(metadata.GetAssemblyReference(handle).Name);
                if (!shipped.Contains(name) && !PlatformAssemblies.Contains(name) && !KnownUnshipped.Contains($"{Path.GetFileNameWithoutExtension(file)} -> {name}"))
                {
                    missing.Add($"{file} -> {name}");
                }
            }
        }

        Assert.True(missing.Count == 0, "referenced but not packaged: " + string.Join(", ", missing));
        Assert.Contains("AWSSDK.Core", shipped);
        Assert.Contains("System.Text.Json", shipped);
    }

    [Fact]
    public void The_packaged_manifest_passes_Test_ModuleManifest_in_the_copied_folder()
    {
        var run = HostedPowerShell.Run("Test-ModuleManifest -Path $manifest", new Dictionary<string, object?> { ["manifest"] = package.ManifestPath }, importModule: false);

        Assert.Empty(run.AllErrors);
        var module = (PSModuleInfo)Assert.Single(run.Output).BaseObject;
        Assert.Equal(package.Version, module.Version.ToString(3));
        Assert.Equal(package.ModuleFolder, module.ModuleBase);
        Assert.NotEmpty(module.ExportedCmdlets);
    }

    // In this process other tests have loaded IamOps from the repository's bin/ already; the copy still gets its own
    // IamOps.dll, in a load context of its own (src/IamOps/ModuleLoading.md). Which assemblies load from where, with
    // nothing loaded before, is proved in a process of its own (the sandbox test below).
    [Fact]
    public void The_packaged_module_imports_from_the_copied_folder_alone_with_its_commands_and_help()
    {
        const string Script = """
            $module = Import-Module $manifest -PassThru -ErrorAction Stop
            $module
            ,@(Get-Command -Module IamOps | ForEach-Object Name)
            Get-Help Test-IamPolicy -Full
            (Get-Command Test-IamPolicy).ImplementingType.Assembly.Location
            """;
        var expected = ManifestCmdlets(package.ManifestPath);

        var run = HostedPowerShell.Run(Script, new Dictionary<string, object?> { ["manifest"] = package.ManifestPath }, importModule: false);

        Assert.Empty(run.AllErrors);
        Assert.Equal(4, run.Output.Count);
        Assert.Equal(Path.Combine(package.ModuleFolder, "bin", "IamOps.dll"), run.Output[3].ToString());
        var module = (PSModuleInfo)run.Output[0].BaseObject;
        Assert.Equal(package.ModuleFolder, module.ModuleBase);
        Assert.Equal(expected, module.ExportedCmdlets.Keys.Order(StringComparer.Ordinal));
        var commands = ((IEnumerable)run.Output[1].BaseObject).Cast<object>().Select(o => o.ToString()!).Order(StringComparer.Ordinal);
        Assert.Equal(expected, commands);
        var help = run.Output[2];
        Assert.False(string.IsNullOrWhiteSpace(help.Properties["Synopsis"].Value?.ToString()));
        var examples = (PSObject)help.Properties["examples"].Value;
        Assert.True(LanguagePrimitives.GetEnumerable(examples.Properties["example"].Value).Cast<object>().Count() >= 2, "Get-Help shows no examples: the packaged en-US help was not found");
    }

    [Fact]
    public void The_sandbox_runs_from_the_copied_folder_and_loads_the_module_from_it_alone()
    {
        const string Script = """
            Enter-IamSandbox
            'arn ' + (Get-IamCallerIdentity).Arn
            [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location } | ForEach-Object { 'loaded ' + $_.GetName().Name + '|' + $_.Location }
            """;
        var shipped = package.Files().Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

        // A separate process, so no assembly an earlier test loaded from the repository's bin/ can stand in for the copy's.
        var result = HostProgramTests.RunHost(["-Command", Script], environment: new Dictionary<string, string?> { ["IAMOPS_MANIFEST"] = package.ManifestPath, ["IAMOPS_SANDBOX"] = null });

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("arn arn:aws:iam::", result.Stdout, StringComparison.Ordinal);
        var loaded = result.Stdout.Split('\n').Where(l => l.StartsWith("loaded ", StringComparison.Ordinal))
            .Select(l => l["loaded ".Length..].Trim().Split('|')).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "IamOps", "IamOps.Policy", "IamOps.Simulator" })
        {
            Assert.True(loaded.TryGetValue(name, out var location) && location.StartsWith(package.ModuleFolder, StringComparison.Ordinal), $"{name} was loaded from {location ?? "nowhere"}");
        }

        var elsewhere = loaded.Where(a => shipped.Contains(a.Key) && !a.Value.StartsWith(package.ModuleFolder, StringComparison.Ordinal) && !a.Value.StartsWith(runtime, StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "packaged assemblies loaded from elsewhere: " + string.Join(", ", elsewhere));
    }

    [Fact]
    public void The_nupkg_holds_the_module_folder_at_its_root_and_only_NuGet_metadata_besides()
    {
        using var zip = ZipFile.OpenRead(package.NupkgPath);
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();

        var moduleEntries = entries.Where(e => !NuGetFiles.Any(n => n.EndsWith('/') ? e.FullName.StartsWith(n, StringComparison.Ordinal) : e.FullName == n))
            .ToDictionary(e => Uri.UnescapeDataString(e.FullName), e => e.Length, StringComparer.Ordinal);
        var folder = package.Files().ToDictionary(f => f, f => new FileInfo(Path.Combine(package.ModuleFolder, f)).Length, StringComparer.Ordinal);
        Assert.Equal(folder.OrderBy(p => p.Key, StringComparer.Ordinal), moduleEntries.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Contains(entries, e => e.FullName == "IamOps.nuspec");
    }

    [Fact]
    public void The_nuspec_carries_the_manifest_metadata_and_the_gallery_command_tags()
    {
        var run = HostedPowerShell.Run("Test-ModuleManifest -Path $manifest", new Dictionary<string, object?> { ["manifest"] = package.ManifestPath }, importModule: false);
        var module = (PSModuleInfo)Assert.Single(run.Output).BaseObject;
        var psData = (Hashtable)((Hashtable)module.PrivateData)["PSData"]!;
        using var zip = ZipFile.OpenRead(package.NupkgPath);
        using var reader = zip.GetEntry("IamOps.nuspec")!.Open();
        var metadata = XDocument.Load(reader).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;

        Assert.Equal("IamOps", Field("id"));
        Assert.Equal(package.Version, Field("version"));
        Assert.Equal(module.Author, Field("authors"));
        Assert.Equal(module.Description, Field("description"));
        Assert.Equal(module.Copyright, Field("copyright"));
        Assert.Equal(module.ProjectUri.ToString(), Field("projectUrl"));
        Assert.Equal(module.LicenseUri.ToString(), Field("licenseUrl"));
        Assert.Equal(module.ReleaseNotes, Field("releaseNotes"));
        var tags = Field("tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var cmdlets = ManifestCmdlets(package.ManifestPath);
        var expected = ((object[])psData["Tags"]!).Select(t => t.ToString()!)
            .Concat(["PSModule", "PSIncludes_Cmdlet"])
            .Concat(cmdlets.SelectMany(c => new[] { "PSCmdlet_" + c, "PSCommand_" + c }));
        Assert.Equal(expected.Order(StringComparer.Ordinal), tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Packaging_stops_when_the_manifest_version_is_not_the_build_version()
    {
        // Only the first packaging step, with the build's version overridden: no restore, no build, nothing written.
        var (exitCode, log) = ModulePackage.RunDotnet(["msbuild", ModulePackage.ProjectPath, "-t:PrepareModulePackage", "-p:Version=99.0.0", "-nologo", "-nodeReuse:false"], TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("IAMOPSPKG002", log, StringComparison.Ordinal);
        Assert.Contains($"IamOps.psd1 says version '{package.Version}'", log, StringComparison.Ordinal);
        Assert.Contains("'99.0.0'", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Packaging_reads_the_manifest_as_PowerShell_does_and_ships_the_files_it_names_beside_itself()
    {
        var folder = Directory.CreateTempSubdirectory("iamops-manifest-").FullName;
        var manifestPath = Path.Combine(folder, "IamOps.psd1");
        File.WriteAllText(manifestPath, ManifestInEveryShape);

        // Only the step that reads the manifest: it sets NuGet's pack properties and reports the module folder and the named files.
        string[] properties = ["ModuleFolder", "PackageId", "PackageVersion", "Authors", "PackageDescription", "Copyright", "PackageReleaseNotes", "PackageProjectUrl", "PackageLicenseUrl", "PackageRequireLicenseAcceptance", "PackageTags"];
        var (exitCode, log) = ModulePackage.RunDotnet(
            ["msbuild", ModulePackage.ProjectPath, "-t:PrepareModulePackage", .. properties.Select(p => "-getProperty:" + p), "-getItem:ModuleManifestFile", "-nologo", "-nodeReuse:false",
             $"-p:ModuleManifest={manifestPath}", $"-p:PackageOutputPath={Path.Combine(folder, "out")}", $"-p:ModuleValuesDir={Path.Combine(folder, "values")}/", "-p:Version=2.3.4-beta1"],
            TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, log);
        using var result = System.Text.Json.JsonDocument.Parse(log);
        string Property(string name) => result.RootElement.GetProperty("Properties").GetProperty(name).GetString()!;
        Assert.Equal(Path.Combine(folder, "out", "IamOps", "2.3.4") + Path.DirectorySeparatorChar, Property("ModuleFolder"));
        var files = result.RootElement.GetProperty("Items").GetProperty("ModuleManifestFile").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(["IamOps.psm1", "bin/IamOps.Format.ps1xml", "bin/IamOps.dll", "types/IamOps.Types.ps1xml"], files);

        var manifest = (Hashtable)((HashtableAst)Parser.ParseFile(manifestPath, out _, out var errors).Find(a => a is HashtableAst, searchNestedScriptBlocks: false)).SafeGetValue();
        Assert.Empty(errors);
        var psData = (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;
        Assert.Equal("IamOps", Property("PackageId"));
        Assert.Equal("2.3.4-beta1", Property("PackageVersion"));
        Assert.Equal(manifest["Author"], Property("Authors"));
        Assert.Equal(manifest["Description"], Property("PackageDescription"));
        Assert.Equal(manifest["Copyright"], Property("Copyright"));
        Assert.Equal(psData["ReleaseNotes"], Property("PackageReleaseNotes"));
        Assert.Equal(psData["ProjectUri"], Property("PackageProjectUrl"));
        Assert.Equal(string.Empty, Property("PackageLicenseUrl"));
        Assert.Equal("true", Property("PackageRequireLicenseAcceptance"));
        Assert.Equal(
            "One;Two;PSModule;PSIncludes_Cmdlet;PSIncludes_Function;PSCmdlet_Get-A;PSCommand_Get-A;PSCmdlet_Set-B;PSCommand_Set-B;"
            + "PSFunction_Invoke-C;PSCommand_Invoke-C;PSFunction_Invoke-D;PSCommand_Invoke-D;PSFunction_Invoke-E;PSCommand_Invoke-E",
            Property("PackageTags"));
    }

    [Fact]
    public void Build_script_Package_runs_the_dotnet_command_the_README_documents()
    {
        var ast = Parser.ParseFile(Path.Combine(HostedPowerShell.RepoRoot, "build.ps1"), out _, out var errors);
        var readme = File.ReadAllText(Path.Combine(HostedPowerShell.RepoRoot, "README.md"));

        Assert.Empty(errors);
        var function = (FunctionDefinitionAst)ast.Find(a => a is FunctionDefinitionAst { Name: "Invoke-Package" }, searchNestedScriptBlocks: true);
        var body = function.Body.Extent.Text;
        Assert.Contains("'pack'", body, StringComparison.Ordinal);
        Assert.Contains("'src/IamOps.Package/IamOps.Package.proj'", body, StringComparison.Ordinal);
        Assert.Contains("dotnet pack src/IamOps.Package/IamOps.Package.proj -c Release", readme, StringComparison.Ordinal);
        Assert.Contains("./build.ps1 -Task Package", readme, StringComparison.Ordinal);
    }

    /// <summary>A manifest in every shape PowerShell's data language allows it, for the packaging's manifest reader.</summary>
    private const string ManifestInEveryShape = """
        <# Block comment
           before the table. #>
        @{
            RootModule = "IamOps.psm1"   # a loader beside the manifest
            ModuleVersion = '2.3.4'
            GUID = '5b0f2b6e-8f3c-4b8e-9d0a-3c7e1f4a9b21'
            Author = 'O''Brien & "friends"'
            CompanyName = "Acme `"Tools`""
            Copyright = '(c) <2025>'
            Description = @"
        Two lines,
        with "quotes" & <brackets>.
        "@
            NestedModules = @(@{ ModuleName = 'bin\IamOps.dll'; ModuleVersion = '2.3.4' }, 'Microsoft.PowerShell.Utility')
            RequiredAssemblies = 'System.Drawing'
            TypesToProcess = @('./types/IamOps.Types.ps1xml')
            FormatsToProcess = 'bin/IamOps.Format.ps1xml', `
                'bin/IamOps.Format.ps1xml'
            CmdletsToExport = 'Get-A', 'Set-B'
            FunctionsToExport = @(
                'Invoke-C' # trailing comment
                'Invoke-D'; 'Invoke-E'
            )
            AliasesToExport = @()
            PrivateData = @{
                PSData = @{
                    Tags = @('One', 'Two')
                    ProjectUri = 'https://example.com/project'
                    Prerelease = 'beta1'
                    RequireLicenseAcceptance = $true
                    ReleaseNotes = @'
        first line
          second 'line'
        '@
                }
            }
        }
        """;

    /// <summary>CmdletsToExport as PowerShell's parser reads the manifest.</summary>
    private static List<string> ManifestCmdlets(string manifestPath)
    {
        var ast = Parser.ParseFile(manifestPath, out _, out var errors);
        Assert.Empty(errors);
        var manifest = (Hashtable)((HashtableAst)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)).SafeGetValue();
        return ((object[])manifest["CmdletsToExport"]!).Select(c => c.ToString()!).Order(StringComparer.Ordinal).ToList();
    }
}

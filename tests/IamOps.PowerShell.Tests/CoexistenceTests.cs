using System.Text.RegularExpressions;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// IamOps and a module built on another AWSSDK.Core in one PowerShell session, both ways round (issue #10, item 6). The
/// other module is tests/IamOps.Coexistence.Decoy, a stand-in for AWS.Tools 4.x: AWSSDK.Core 3.7, assembly version
/// 3.3.0.0, loaded by PowerShell into the default load context; IamOps uses AWSSDK.Core 4.x (4.0.0.0). A process's
/// default context holds one AWSSDK.Core, so every case runs in a fresh IamOps.Host process, whose default context holds
/// no SDK of its own; IamOps' cmdlets then use the SDK for real: STS and IAM calls signed and sent over HTTP to a
/// sandbox account this test process serves (<see cref="SandboxEndpoint.Serve"/>).
/// </summary>
public sealed class CoexistenceTests
{
    private const string Private = "ModuleLoadContext";
    private const string DecoySdk = "AWSSDK.Core 3.3.0.0 eu-west-1 AKIAIOSFODNN7EXAMPLE";

    // Runs IamOps' SDK paths: the sandbox (credentials resolution), then STS GetCallerIdentity and IAM CreateUser,
    // CreateGroup, AddUserToGroup ... over HTTP through AWSSDK.Core's pipeline (SigV4, retries, unmarshalling).
    private const string Functions = """
        $ErrorActionPreference = 'Stop'
        function Invoke-IamOps([string] $Label) {
            Enter-IamSandbox | Out-Null
            "$Label sandbox " + (Get-IamCallerIdentity).Arn
            Exit-IamSandbox
            $connection = @{ EndpointUrl = $env:IAMOPS_TEST_ENDPOINT; AccessKey = $env:IAMOPS_TEST_ACCESS_KEY; SecretKey = $env:IAMOPS_TEST_SECRET_KEY; Region = 'us-east-1' }
            "$Label sts " + (Get-IamCallerIdentity @connection).Arn
            "$Label iam " + (Add-IamDeveloper -UserName "dev-$Label" -CreateMissingGroup @connection).Status
        }
        function Write-Loaded {
            foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
                $name = $assembly.GetName()
                if ($name.Name -like 'AWSSDK.*' -or $name.Name -like 'IamOps*') {
                    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly)
                    'loaded {0} {1} {2}' -f $name.Name, $name.Version, $(if ($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default) { 'Default' } else { $context.GetType().Name })
                }
            }
        }

        """;

    private static string IamOpsManifest => HostedPowerShell.ManifestPath;

    private static string DecoyManifest
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var manifest = Path.Combine(HostedPowerShell.RepoRoot, "tests", "IamOps.Coexistence.Decoy", "bin", configuration, "netstandard2.0", "AwsToolsDecoy.psd1");
            Assert.True(File.Exists(manifest), $"the decoy module was not built: {manifest}");
            return manifest;
        }
    }

    [Fact]
    public void A_module_on_AWSSDK_Core_3_imported_first_and_IamOps_imported_after_it_both_work()
    {
        var script = Functions + $"""
            'decoy ' + (Get-DecoyAwsSdk)
            Import-Module '{IamOpsManifest}'
            Invoke-IamOps first
            'decoy ' + (Get-DecoyAwsSdk)
            Invoke-IamOps second
            Write-Loaded
            """;

        // The host imports the module IAMOPS_MANIFEST names before the script: here the decoy, so it is first.
        using var served = SandboxEndpoint.Serve();
        var result = HostProgramTests.RunHost(["-Command", script], environment: Environment(served, DecoyManifest));

        AssertBothWorked(result);
    }

    [Fact]
    public void IamOps_imported_first_and_a_module_on_AWSSDK_Core_3_imported_after_it_both_work()
    {
        var script = Functions + $"""
            Invoke-IamOps first
            Import-Module '{DecoyManifest}'
            'decoy ' + (Get-DecoyAwsSdk)
            Invoke-IamOps second
            'decoy ' + (Get-DecoyAwsSdk)
            Write-Loaded
            """;

        using var served = SandboxEndpoint.Serve();
        var result = HostProgramTests.RunHost(["-Command", script], environment: Environment(served, IamOpsManifest));

        AssertBothWorked(result);
    }

    /// <summary>The control: without the private context (as on Windows PowerShell) the decoy really does break IamOps.</summary>
    [Fact]
    public void Loaded_the_Windows_PowerShell_way_IamOps_fails_after_the_decoy_so_the_decoy_is_a_real_conflict()
    {
        var script = Functions + $"""
            'decoy ' + (Get-DecoyAwsSdk)
            Import-Module '{IamOpsManifest}'
            'imported ' + (Get-Module IamOps).ExportedCmdlets.Count
            Invoke-IamOps first
            """;

        var result = HostProgramTests.RunHost(["-Command", script], environment: new Dictionary<string, string?> { ["IAMOPS_MANIFEST"] = DecoyManifest, ["IAMOPS_LOAD_CONTEXT"] = "Default" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("decoy " + DecoySdk, result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"imported [1-9]", result.Stdout);
        Assert.DoesNotContain("first sandbox", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Could not load file or assembly 'AWSSDK.Core, Version=4.0.0.0", result.Stderr, StringComparison.Ordinal);
    }

    // The host imports the module IAMOPS_MANIFEST names before the script; the served account's URL and keys ride along.
    private static Dictionary<string, string?> Environment(SandboxEndpoint.Served served, string manifest) => new()
    {
        ["IAMOPS_MANIFEST"] = manifest,
        ["IAMOPS_TEST_ENDPOINT"] = served.Url,
        ["IAMOPS_TEST_ACCESS_KEY"] = served.AccessKeyId,
        ["IAMOPS_TEST_SECRET_KEY"] = served.SecretAccessKey,
    };

    private static void AssertBothWorked((int ExitCode, string Stdout, string Stderr) result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stderr}\n{result.Stdout}");
        Assert.Equal(string.Empty, result.Stderr.Trim());
        var lines = result.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // The decoy keeps answering from its own SDK, before and after IamOps ran.
        Assert.Equal(2, lines.Count(l => l == "decoy " + DecoySdk));
        foreach (var label in new[] { "first", "second" })
        {
            Assert.Matches(new Regex($@"^{label} sandbox arn:aws:iam::\d{{12}}:user/Administrator$"), lines.Single(l => l.StartsWith(label + " sandbox ", StringComparison.Ordinal)));
            Assert.Matches(new Regex($@"^{label} sts arn:aws:iam::\d{{12}}:user/Administrator$"), lines.Single(l => l.StartsWith(label + " sts ", StringComparison.Ordinal)));
            Assert.Contains(label + " iam Created", lines);
        }

        // Two AWSSDK.Core side by side: the decoy's in the default context, IamOps' in its own; IamOps exactly once.
        var loaded = lines.Where(l => l.StartsWith("loaded ", StringComparison.Ordinal)).Select(l => l.Split(' ')).Select(p => (Name: p[1], Version: p[2], Context: p[3])).ToList();
        Assert.Equal(new[] { ("3.3.0.0", "Default"), ("4.0.0.0", Private) }, loaded.Where(a => a.Name == "AWSSDK.Core").Select(a => (a.Version, a.Context)).Order());
        Assert.Contains(("AWSSDK.SecurityToken", "4.0.0.0", Private), loaded);
        Assert.Equal(Private, Assert.Single(loaded, a => a.Name == "IamOps").Context);
        Assert.Equal(Private, Assert.Single(loaded, a => a.Name == "IamOps.Policy").Context);
        Assert.Equal(Private, Assert.Single(loaded, a => a.Name == "IamOps.Simulator").Context);
        Assert.Equal("Default", Assert.Single(loaded, a => a.Name == "IamOps.LoadContext").Context);
    }
}

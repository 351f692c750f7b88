using System.Diagnostics;

namespace IamOps.PowerShell.Tests;

/// <summary>src/IamOps.Host as a user runs it: a separate process, the module imported, exit codes that scripts can rely on.</summary>
public sealed class HostProgramTests
{
    [Fact]
    public void Command_lists_the_exported_cmdlets()
    {
        var result = RunHost(["-Command", "Get-Command -Module IamOps"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Get-IamCallerIdentity", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_ModuleManifest_passes_inside_the_host()
    {
        var result = RunHost(["-Command", "Test-ModuleManifest ./IamOps.psd1 -ErrorAction Stop | ForEach-Object { 'valid ' + $_.Name + ' ' + $_.Version }"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid IamOps 0.1.0", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr.Trim());
    }

    [Fact]
    public void Importing_the_module_loads_no_AWS_SDK_so_no_credential_file_or_network_is_touched()
    {
        var result = RunHost(["-Command", "'sdk loaded: ' + ([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -like 'AWSSDK*').Count"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sdk loaded: 0", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void File_runs_a_script_with_named_arguments()
    {
        var script = Path.Combine(Directory.CreateTempSubdirectory("iamops-host-").FullName, "greet.ps1");
        File.WriteAllText(script, "param([string]$Name, [switch]$Loud)\n$text = \"hello $Name\"\nif ($Loud) { $text.ToUpperInvariant() } else { $text }\n");

        var result = RunHost(["-File", script, "-Name", "it's me", "-Loud"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("HELLO IT'S ME", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminating_error_exits_non_zero_with_the_message_and_no_stack_trace()
    {
        var result = RunHost(["-Command", "'before'; Get-IamCallerIdentity -Region not-a-region -AccessKey AKIAEXAMPLE -SecretKey x -ErrorAction Stop; 'after'"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("before", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("after", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("is not an AWS region", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_quick_start_runs_in_the_sandbox_and_its_second_run_changes_nothing()
    {
        var result = RunHost(["-File", "examples/quickstart.ps1"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr.Trim());
        var second = result.Stdout[result.Stdout.IndexOf("Second run:", StringComparison.Ordinal)..];
        Assert.Contains("Changed", result.Stdout[..result.Stdout.IndexOf("Second run:", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.DoesNotContain("Changed", second[..second.IndexOf("UserName", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("Created", second, StringComparison.Ordinal);
    }

    [Fact]
    public void IAMOPS_SANDBOX_puts_the_session_in_a_saved_sandbox_without_AWS()
    {
        var state = Path.Combine(Directory.CreateTempSubdirectory("iamops-envsandbox-").FullName, "state.json");
        var environment = new Dictionary<string, string?> { ["IAMOPS_SANDBOX"] = state, ["AWS_ACCESS_KEY_ID"] = null, ["AWS_PROFILE"] = null };

        var first = RunHost(["-Command", "Add-IamDeveloper -UserName ci-user -CreateMissingGroup | ForEach-Object { 'first ' + $_.Status }"], environment: environment);
        var second = RunHost(["-Command", "Add-IamDeveloper -UserName ci-user | ForEach-Object { 'second ' + $_.Status }; (Get-IamCallerIdentity).Arn"], environment: environment);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("first Created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("second Unchanged", second.Stdout, StringComparison.Ordinal);
        Assert.Contains(":user/Administrator", second.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(state));
    }

    [Fact]
    public void Exit_sets_the_process_exit_code()
    {
        Assert.Equal(7, RunHost(["-Command", "exit 7"]).ExitCode);
    }

    [Fact]
    public void A_prompt_reads_the_answer_from_input()
    {
        var result = RunHost(["-Command", "$Host.UI.PromptForChoice('Delete', 'Really?', [System.Management.Automation.Host.ChoiceDescription[]]@('&Yes', '&No'), 0)"], input: "n\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[Y] Yes [N] No", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("1", result.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_without_a_terminal_fails_cleanly()
    {
        var result = RunHost(["-Command", "$ErrorActionPreference = 'Stop'; $Host.UI.PromptForChoice('Delete', 'Really?', [System.Management.Automation.Host.ChoiceDescription[]]@('&Yes', '&No'), 0); 'not reached'"], input: string.Empty);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot prompt", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_is_printed_for_missing_arguments()
    {
        var result = RunHost([]);

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("Usage:", result.Stderr, StringComparison.Ordinal);
    }

    internal static (int ExitCode, string Stdout, string Stderr) RunHost(string[] arguments, string? input = null, IDictionary<string, string?>? environment = null)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var hostDll = Path.Combine(HostedPowerShell.RepoRoot, "src", "IamOps.Host", "bin", configuration, "net10.0", "IamOps.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = HostedPowerShell.RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("IamOps.Host did not finish within 90 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

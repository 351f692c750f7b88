using System.Text.Json;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// One sandbox state file used by several real pwsh processes at once, as parallel CI jobs sharing IAMOPS_SANDBOX use
/// it: no update is lost, and a process killed while saving leaves a file that loads.
/// </summary>
public sealed class SharedSandboxFileTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly string folder = Directory.CreateTempSubdirectory("iamops-shared-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Four_processes_onboarding_ten_developers_each_into_one_sandbox_file_leave_all_forty()
    {
        var state = Path.Combine(folder, "ci.json");
        var environment = new Dictionary<string, string?> { ["IAMOPS_SANDBOX"] = state };

        var runs = Enumerable.Range(1, 4).Select(n => Task.Run(() => RealPwsh.Run($$"""
            $ErrorActionPreference = 'Stop'
            Import-Module '{{HostedPowerShell.ManifestPath}}'
            1..10 | ForEach-Object { [pscustomobject]@{ UserName = "job{{n}}-dev$_" } } |
                Add-IamDeveloper -NoConsoleAccess -GroupName Developers -CreateMissingGroup |
                ForEach-Object { 'status ' + $_.Status }
            """, Timeout, environment))).ToArray();
        foreach (var (exitCode, output, errors) in await Task.WhenAll(runs))
        {
            Assert.True(exitCode == 0, output + errors);
            Assert.Equal(10, output.Split('\n').Count(line => line.Trim() == "status Created"));
        }

        Assert.Equal(40, UsersIn(state).Count(name => name.StartsWith("job", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_process_killed_while_it_saves_leaves_a_state_file_that_loads()
    {
        var state = Path.Combine(folder, "killed.json");
        var script = Path.Combine(folder, "busy.ps1");
        // Every change saves the whole account, and the account grows: most of the loop's time is spent saving.
        File.WriteAllText(script, $$"""
            Import-Module '{{HostedPowerShell.ManifestPath}}'
            Enter-IamSandbox -Path '{{state}}' | Out-Null
            $iam = $IamOpsSandbox.Connect().Iam
            $none = [Threading.CancellationToken]::None
            'ready'
            for ($i = 0; $i -lt 100000; $i++) {
                $request = [IamOps.Aws.CreateUserRequest]::new()
                $request.UserName = "user$i"
                $null = $iam.CreateUserAsync($request, $none).GetAwaiter().GetResult()
                if ($i -eq 300) { 'saving' }
            }
            """);

        using var process = RealPwsh.Start(script);
        // Kill only once it is deep in its saving loop; the read is bounded by the process's own end.
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && line.Trim() != "saving")
        {
        }

        Assert.Equal("saving", line?.Trim());
        process.Kill(entireProcessTree: true);
        process.WaitForExit();

        var users = UsersIn(state);
        Assert.True(users.Count > 300, $"{users.Count} users in the file");
        var (exitCode, output, errors) = RealPwsh.Run($"""
            $ErrorActionPreference = 'Stop'
            Import-Module '{HostedPowerShell.ManifestPath}'
            Enter-IamSandbox -Path '{state}' | Out-Null
            (Add-IamDeveloper -UserName after-the-kill -NoConsoleAccess -GroupName Developers -CreateMissingGroup).Status
            """, Timeout);
        Assert.True(exitCode == 0, output + errors);
        Assert.Equal("Created", output.Trim().Split('\n')[^1].Trim());
    }

    private static List<string> UsersIn(string stateFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(stateFile));
        return document.RootElement.GetProperty("Account").GetProperty("Users").EnumerateObject().Select(p => p.Name).ToList();
    }
}

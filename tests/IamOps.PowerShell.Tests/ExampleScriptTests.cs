namespace IamOps.PowerShell.Tests;

/// <summary>
/// Every script in examples/ runs through src/IamOps.Host against the sandbox, as the README tells a user to run it:
/// exit code 0, nothing on stderr, and the lines each script prints to prove its point.
/// </summary>
public sealed class ExampleScriptTests
{
    /// <summary>One row per seed scenario: the script and text its output must hold.</summary>
    public static TheoryData<string, string[]> Examples => new()
    {
        { "secure-new-account.ps1", new[] { "Mutating calls made by -WhatIf: 0", "Changed on the second run: 0; mutating calls: 0" } },
        { "onboard-team-from-csv.ps1", new[] { "dana", "erik", "fatima", "AKIA", "Unchanged" } },
        { "ec2-role-one-bucket.ps1", new[] { "\"Resource\": \"arn:aws:s3:::acme-reports-example/reports/*\"", "Created", "Unchanged" } },
        { "policy-ci-gate.ps1", new[] { "Lint passed.", "All policy expectations hold." } },
        { "offboard-developer.ps1", new[] { "The session works before the revocation.", "Old session refused: AwsAccessDenied", "A new session works.", "Disabled", "Tagged iamops:offboarded=",
            "Preview: WouldChange, mutating calls made by -WhatIf: 0", "erik: Removed", "VERBOSE: User 'erik' does not exist; nothing to remove.", "Second removal: Unchanged" } },
        { "secure-every-account.ps1", new[] { "Accounts: 5, succeeded: 4, failed: 1", "explicit deny in a service control policy", "Secured accounts changed on the second run: 0; mutating calls: 0", "Still failing, alone: " } },
        { "audit-and-clean-up.ps1", new[] { "Stale access keys: 4 of 6", "Users without MFA: 6", "on 100d old, used 100d", "Changed: 4 credential(s); a re-run changes nothing.", "FinishRotation", "The same findings as a page (chart, sortable tables): ", "Services granted to reporting: " } },
        { "roles-to-assume.ps1", new[] { ":assumed-role/deployer/alice", "Denied as expected: RoleAssumeDenied", "runs with instance profile app.", "Unchanged" } },
        { "pipeline-federation.ps1", new[] { "Status: Unchanged, mutating calls: 0", ":assumed-role/deploy/ci for repo:acme/app:ref:refs/heads/main", "Running as: arn:aws:sts::",
            "Denied (another repository): WebIdentityRepositoryNotTrusted", "Denied (another branch): WebIdentityBranchNotTrusted",
            "Denied (a wrong audience): WebIdentityAudienceNotAccepted", "Denied (an expired token): WebIdentityTokenExpired", "FEDERATED_CI_SUBJECT_TOO_BROAD" } },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_runs_against_the_sandbox_through_the_host(string script, string[] expected)
    {
        var result = HostProgramTests.RunHost(["-File", "examples/" + script]);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stderr}\n{result.Stdout}");
        Assert.Equal(string.Empty, result.Stderr.Trim());
        foreach (var text in expected)
        {
            Assert.Contains(text, result.Stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("FAIL", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_example_script_is_run_by_this_suite()
    {
        var scripts = Directory.GetFiles(Path.Combine(HostedPowerShell.RepoRoot, "examples"), "*.ps1").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        // The quick start runs once, in HostProgramTests, which also checks that its second run changes nothing.
        var covered = Examples.Select(row => (string)row[0]).Append("quickstart.ps1").Order(StringComparer.Ordinal);

        Assert.Equal(scripts, covered);
    }

    [Fact]
    public void The_host_has_the_standard_cmdlets_a_runbook_uses()
    {
        var result = HostProgramTests.RunHost(["-Command",
            "Import-Csv examples/data/team.csv | Select-Object -First 2 | ConvertTo-Json; " +
            "Get-Date -Year 2026 -Month 1 -Day 2 -Format yyyy-MM-dd; Write-Host written-by-host; " +
            "[pscustomobject]@{ A = 1; B = 2 } | Format-Table -AutoSize | Out-String -Width 40"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var json = result.Stdout[result.Stdout.IndexOf('[', StringComparison.Ordinal)..(result.Stdout.IndexOf(']', StringComparison.Ordinal) + 1)];
        using var rows = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(["dana", "erik"], rows.RootElement.EnumerateArray().Select(r => r.GetProperty("UserName").GetString()));
        Assert.Equal("Developers", rows.RootElement[0].GetProperty("GroupName").GetString());
        Assert.Contains("2026-01-02", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("written-by-host", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"A\s+B\s*\n-\s+-\s*\n1\s+2", result.Stdout.Replace("\r", string.Empty, StringComparison.Ordinal));
    }
}

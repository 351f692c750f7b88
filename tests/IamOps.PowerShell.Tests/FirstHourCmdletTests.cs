using System.Management.Automation;

namespace IamOps.PowerShell.Tests;

/// <summary>Issue 21 (a user's first hour) through the real engine: credentials in the sandbox, gates, re-runs, bad rows.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FirstHourCmdletTests : IDisposable
{
    private const string ReadOnlySession = """
        Enter-IamSandbox | Out-Null
        $account = (Get-IamCallerIdentity).Account
        $null = Grant-IamRoleAssume -RoleName auditor -AccountId $account -PolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess -WarningAction SilentlyContinue
        $session = Invoke-IamRoleAssume -RoleName auditor

        """;

    private readonly string _temp = Directory.CreateTempSubdirectory("iamops-first-hour-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void A_read_only_role_session_passed_as_Credential_is_who_the_sandbox_sees_and_is_denied_CreateUser()
    {
        var run = HostedPowerShell.Run(ReadOnlySession + """
            $null = Add-IamDeveloper -UserName alice -CreateMissingGroup
            (Get-IamCallerIdentity -Credential $session).Arn
            Add-IamDeveloper -UserName mallory -Credential $session
            try { $null = $IamOpsSandbox.Connect().Iam.GetUserAsync('mallory', [Threading.CancellationToken]::None).GetAwaiter().GetResult(); 'mallory exists' } catch { 'mallory absent' }
            """);

        Assert.Null(run.Terminating);
        Assert.Contains(":assumed-role/auditor/", run.Output[0].ToString(), StringComparison.Ordinal);
        var denied = Assert.Single(run.Errors);
        Assert.Equal("AwsAccessDenied,IamOps.Cmdlets.AddIamDeveloperCommand", denied.FullyQualifiedErrorId);
        Assert.Contains("iam:CreateUser", denied.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("Failed", run.Output[1].Properties["Status"].Value?.ToString());
        Assert.Equal("mallory absent", run.Output[2].BaseObject);
    }

    [Fact]
    public void Keys_the_sandbox_never_issued_are_refused_by_name_and_never_become_the_administrator()
    {
        var run = HostedPowerShell.Run("""
            Enter-IamSandbox | Out-Null
            Get-IamCallerIdentity -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY
            Get-IamCallerIdentity -Credential ([pscustomobject]@{ AccessKeyId = 'AKIAI44QH8DHBEXAMPLE'; SecretAccessKey = 'je7MtGbClwBF2Zp9Utk' })
            Get-IamCallerIdentity -Credential $null
            Add-IamDeveloper -UserName nobody -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY
            $IamOpsSandbox.CallLog.MutatingCalls.Count
            """);

        Assert.Equal(0, Convert.ToInt32(Assert.Single(run.Output).BaseObject, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            new[] { "SandboxKeyNotIssued,IamOps.Cmdlets.GetIamCallerIdentityCommand", "SandboxKeyNotIssued,IamOps.Cmdlets.GetIamCallerIdentityCommand", "CredentialNull,IamOps.Cmdlets.GetIamCallerIdentityCommand", "SandboxKeyNotIssued,IamOps.Cmdlets.AddIamDeveloperCommand" },
            run.AllErrors.Select(e => e.FullyQualifiedErrorId).ToArray());
        Assert.Contains("AKIAIOSFODNN7EXAMPLE", run.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", string.Join("\n", run.AllErrors.Select(e => e.ToString())), StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, run.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void FailOn_ends_the_script_with_the_default_error_preference_and_try_catch_still_catches_it()
    {
        const string Wildcard = "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}]}'";
        var stopped = HostedPowerShell.Run("& { Test-IamPolicy -PolicyDocument " + Wildcard + " -FailOn SecurityWarning | Out-Null; 'after the gate' }; 'after the script'");
        var caught = HostedPowerShell.Run("try { Test-IamPolicy -PolicyDocument " + Wildcard + " -FailOn SecurityWarning | Out-Null; 'not reached' } catch { 'caught ' + $_.FullyQualifiedErrorId }");

        Assert.NotNull(stopped.Terminating);
        Assert.Equal("PolicyCheckFailed,IamOps.Cmdlets.TestIamPolicyCommand", stopped.Terminating!.FullyQualifiedErrorId);
        Assert.DoesNotContain(stopped.Output, o => o.BaseObject is string);
        Assert.Equal("caught PolicyCheckFailed,IamOps.Cmdlets.TestIamPolicyCommand", Assert.Single(caught.Output).BaseObject);
    }

    [Fact]
    public void Baseline_rerun_with_the_same_CredentialFile_makes_no_mutating_call_no_error_and_leaves_the_file_untouched()
    {
        var file = Path.Combine(_temp, "admins.csv");
        var run = HostedPowerShell.Run("""
            Enter-IamSandbox | Out-Null
            $null = New-IamAdminBaseline -AccountAlias acme-demo -AdminUserName alice -CredentialFile $file
            $before = [IO.File]::GetLastWriteTimeUtc($file), [IO.File]::ReadAllText($file)
            $IamOpsSandbox.CallLog.Clear()
            $null = New-IamAdminBaseline -AccountAlias acme-demo -AdminUserName alice -CredentialFile $file
            $IamOpsSandbox.CallLog.MutatingCalls.Count
            ([IO.File]::GetLastWriteTimeUtc($file) -eq $before[0]) -and ([IO.File]::ReadAllText($file) -eq $before[1])
            $null = New-IamAdminBaseline -AccountAlias acme-demo -AdminUserName alice, bob -CredentialFile $file
            ([IO.File]::ReadAllLines($file)[1..99] | ForEach-Object { $_.Split(",")[0] }) -join ","
            """, new Dictionary<string, object?> { ["file"] = file });

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(0, Convert.ToInt32(run.Output[0].BaseObject, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True((bool)run.Output[1].BaseObject);
        Assert.Equal("alice,bob", run.Output[2].BaseObject);
    }

    [Fact]
    public void Baseline_alias_replacement_and_weakening_need_their_own_switches_and_Force_only_overwrites_files()
    {
        var file = Path.Combine(_temp, "admins.csv");
        var run = HostedPowerShell.Run("""
            Enter-IamSandbox | Out-Null
            $null = New-IamAdminBaseline -AccountAlias old-alias -PasswordPolicy @{ MinimumPasswordLength = 30 } -AdminUserName alice -CredentialFile $file
            $forced = New-IamAdminBaseline -AccountAlias new-alias -AdminUserName alice, carol -CredentialFile $file -Force
            ($forced | Where-Object Control -eq 'Alias').Status.ToString()
            ([IO.File]::ReadAllLines($file)[1..99] | ForEach-Object { $_.Split(",")[0] }) -join ","
            $IamOpsSandbox.Connect().Iam.GetAccountPasswordPolicyAsync([Threading.CancellationToken]::None).GetAwaiter().GetResult().MinimumPasswordLength
            $replaced = New-IamAdminBaseline -AccountAlias new-alias -ReplaceAccountAlias -WarningAction SilentlyContinue
            ($replaced | Where-Object Control -eq 'Alias').Status.ToString()
            """, new Dictionary<string, object?> { ["file"] = file });

        Assert.Empty(run.AllErrors);
        Assert.Equal(new object[] { "ActionRequired", "carol", 30, "Changed" }, run.Output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Bad_rows_get_a_Failed_result_and_an_error_naming_the_row_and_the_summary_counts_them()
    {
        // The rows as Import-Csv gives them (one string property per column); the Pester suite runs Import-Csv itself.
        var run = HostedPowerShell.Run("""
            Enter-IamSandbox | Out-Null
            @(
                [pscustomobject]@{ UserName = 'ann'; GroupName = 'Developers'; ConsoleAccess = ''; NoConsoleAccess = '' }
                [pscustomobject]@{ UserName = 'bad user'; GroupName = 'Developers'; ConsoleAccess = ''; NoConsoleAccess = '' }
                [pscustomobject]@{ UserName = 'cy'; GroupName = 'Developers'; ConsoleAccess = 'true'; NoConsoleAccess = 'true' }
                [pscustomobject]@{ UserName = 'dee'; GroupName = 'Developers'; ConsoleAccess = ''; NoConsoleAccess = '' }
            ) | Add-IamDeveloper -CreateMissingGroup -Verbose
            """);

        Assert.Equal(new[] { "ann:Created", "bad user:Failed", "cy:Failed", "dee:Created" }, run.Output.Select(o => $"{o.Properties["UserName"].Value}:{o.Properties["Status"].Value}").ToArray());
        Assert.Collection(run.Errors,
            e => { Assert.Equal("UserNameInvalid,IamOps.Cmdlets.AddIamDeveloperCommand", e.FullyQualifiedErrorId); Assert.StartsWith("Row 2 ('bad user'): ", e.Exception.Message, StringComparison.Ordinal); },
            e => { Assert.Equal("ConsoleAccessConflict,IamOps.Cmdlets.AddIamDeveloperCommand", e.FullyQualifiedErrorId); Assert.StartsWith("Row 3 ('cy'): ", e.Exception.Message, StringComparison.Ordinal); });
        Assert.Contains(run.Verbose, v => v.Message.StartsWith("Developers: 2 Created, 2 Failed", StringComparison.Ordinal));
        Assert.Contains("Row 2", ((IEnumerable<string>)run.Output[1].Properties["Changes"].Value).Single(), StringComparison.Ordinal);
    }
}

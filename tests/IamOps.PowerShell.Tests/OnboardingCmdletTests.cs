using System.Management.Automation;
using System.Security;

namespace IamOps.PowerShell.Tests;

/// <summary>New-IamAdminBaseline and Add-IamDeveloper through the real engine, in a sandbox.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OnboardingCmdletTests
{
    private const string Rows =
        "$rows = @(" +
        "[pscustomobject]@{ UserName = 'dev1'; GroupName = 'Developers;Ops'; Tag = 'team=web;cost-center=42' }, " +
        "[pscustomobject]@{ UserName = 'bad name'; GroupName = 'Developers'; Tag = '' }, " +
        "[pscustomobject]@{ UserName = 'dev2'; GroupName = 'Developers'; Tag = 'team=api' }, " +
        "[pscustomobject]@{ UserName = 'DEV1'; GroupName = 'Developers'; Tag = '' }, " +
        "[pscustomobject]@{ UserName = 'dev3'; GroupName = 'Developers'; Tag = 'x=' + ('v' * 300) })\n";

    [Fact]
    public void Csv_shaped_rows_bind_by_property_name_and_bad_rows_are_errors_naming_the_user()
    {
        var run = HostedPowerShell.Run("Enter-IamSandbox | Out-Null\n" + Rows + "$rows | Add-IamDeveloper -CreateMissingGroup -ProgrammaticAccess");

        Assert.Null(run.Terminating);
        Assert.Equal(new object[] { "dev1", "bad name", "dev2", "DEV1", "dev3" }, run.Output.Select(o => o.Properties["UserName"].Value).ToArray());
        Assert.Equal(new[] { "Created", "Failed", "Created", "Failed", "Failed" }, run.Output.Select(o => o.Properties["Status"].Value?.ToString()).ToArray());
        Assert.Equal(new object[] { "Developers", "Ops" }, ((IEnumerable<string>)run.Output[0].Properties["Groups"].Value).Cast<object>().ToArray());
        Assert.IsType<SecureString>(run.Output[0].Properties["InitialPassword"].Value);
        Assert.IsType<SecureString>(run.Output[0].Properties["SecretAccessKey"].Value);
        Assert.Collection(run.Errors,
            e => { Assert.Equal("UserNameInvalid,IamOps.Cmdlets.AddIamDeveloperCommand", e.FullyQualifiedErrorId); Assert.Equal("bad name", e.TargetObject); },
            e => { Assert.Equal("UserNameDuplicate,IamOps.Cmdlets.AddIamDeveloperCommand", e.FullyQualifiedErrorId); Assert.Contains("DEV1", e.Exception.Message, StringComparison.Ordinal); },
            e => { Assert.Equal("TagInvalid,IamOps.Cmdlets.AddIamDeveloperCommand", e.FullyQualifiedErrorId); Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category); });
        Assert.Contains(run.Progress, p => p.Activity == "Onboarding developers");
        Assert.Contains(run.Progress, p => p.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public void Yes_no_text_from_a_CSV_binds_to_switches_and_other_text_fails_only_its_row()
    {
        var run = HostedPowerShell.Run("Enter-IamSandbox | Out-Null\n" +
            "$i = 0\n" +
            "'True', 'False', 'yes', '', 'maybe', '1' | ForEach-Object { $i++; [pscustomobject]@{ UserName = \"csv$i\"; ProgrammaticAccess = $_ } } | Add-IamDeveloper -CreateMissingGroup\n" +
            "'solo ' + [bool](Add-IamDeveloper -UserName solo -ProgrammaticAccess).AccessKeyId");

        Assert.Null(run.Terminating);
        var keys = run.Output.Where(o => o.BaseObject is not string).ToDictionary(o => (string)o.Properties["UserName"].Value, o => o.Properties["AccessKeyId"].Value as string);
        Assert.Equal(new[] { "csv1", "csv2", "csv3", "csv4", "csv6" }, keys.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "csv1", "csv3", "csv6" }, keys.Where(k => !string.IsNullOrEmpty(k.Value)).Select(k => k.Key).Order(StringComparer.Ordinal));
        Assert.Equal("solo True", run.Output.Last().ToString());
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("ParameterArgumentTransformationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("'maybe' is not true or false", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_text_turns_switches_on_and_off_and_other_text_is_an_error_for_that_row_only()
    {
        var run = HostedPowerShell.Run("Enter-IamSandbox | Out-Null\n" +
            "@([pscustomobject]@{ UserName = 'keys'; ProgrammaticAccess = 'true'; NoConsoleAccess = 'yes'; CreateMissingGroup = 'TRUE' },\n" +
            "  [pscustomobject]@{ UserName = 'plain'; ProgrammaticAccess = 'false'; NoConsoleAccess = ''; CreateMissingGroup = '1' },\n" +
            "  [pscustomobject]@{ UserName = 'odd'; ProgrammaticAccess = 'maybe' }) | Add-IamDeveloper | ForEach-Object { $_.UserName + ' ' + ($null -ne $_.AccessKeyId) + ' ' + ($null -ne $_.InitialPassword) }");

        Assert.Equal(new[] { "keys True False", "plain False True" }, run.Output.Select(o => o.ToString()).ToArray());
        var error = Assert.Single(run.Errors);
        Assert.Equal("ParameterArgumentTransformationError,IamOps.Cmdlets.AddIamDeveloperCommand", error.FullyQualifiedErrorId);
        Assert.Contains("'maybe' is not true or false", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_and_QR_code_files_are_relative_to_the_PowerShell_location()
    {
        var folder = Directory.CreateTempSubdirectory("iamops-location-").FullName;

        var run = HostedPowerShell.Run(
            "Enter-IamSandbox | Out-Null\n$null = $ExecutionContext.SessionState.Path.SetLocation($folder)\n" +
            "$null = New-IamAdminBaseline -AdminUserName alice -EnableVirtualMfa -CredentialFile ./admins.csv -MfaQrCodePath ./alice.png\n" +
            "$null = Add-IamDeveloper -UserName bob -CreateMissingGroup -CredentialFile ./team.csv",
            new Dictionary<string, object?> { ["folder"] = folder });

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "admins.csv", "alice.png", "team.csv" }, Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        Assert.All(Directory.GetFiles(folder), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void Rerun_is_Unchanged_and_WhatIf_makes_no_mutating_call()
    {
        var run = HostedPowerShell.Run(
            "Enter-IamSandbox | Out-Null\n" +
            "Add-IamDeveloper -UserName alice -CreateMissingGroup | Out-Null\n" +
            "$IamOpsSandbox.CallLog.Clear()\n" +
            "(Add-IamDeveloper -UserName alice).Status\n" +
            "(Add-IamDeveloper -UserName bob -WhatIf).Status\n" +
            "$IamOpsSandbox.CallLog.MutatingCalls.Count");

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "Unchanged", "WouldChange", "0" }, run.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void Piping_a_new_developer_with_keys_into_another_cmdlet_keeps_running_as_the_caller()
    {
        var run = HostedPowerShell.Run(
            "Enter-IamSandbox | Out-Null\n" +
            "Add-IamDeveloper -UserName dev9 -ProgrammaticAccess -CreateMissingGroup | Grant-IamBucketAccess -BucketName reports-bucket -WarningAction SilentlyContinue | Out-Null\n" +
            "$IamOpsSandbox.CallLog.Of('PutUserPolicy') | ForEach-Object Caller");

        Assert.Empty(run.AllErrors);
        Assert.EndsWith(":user/Administrator", Assert.Single(run.Output).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_group_fails_that_user_and_an_empty_pipeline_is_a_clear_error()
    {
        var run = HostedPowerShell.Run("Enter-IamSandbox | Out-Null\nAdd-IamDeveloper -UserName alice -GroupName NoSuchGroup\n@() | Add-IamDeveloper\n$IamOpsSandbox.CallLog.MutatingCalls.Count");

        Assert.Equal("Failed", run.Output[0].Properties["Status"].Value?.ToString());
        Assert.Equal("0", run.Output[^1].ToString());
        Assert.Collection(run.Errors,
            e => { Assert.Equal("GroupNotFound,IamOps.Cmdlets.AddIamDeveloperCommand", e.FullyQualifiedErrorId); Assert.Contains("alice", e.Exception.Message, StringComparison.Ordinal); Assert.Contains("-CreateMissingGroup", e.Exception.Message, StringComparison.Ordinal); },
            e => Assert.Equal("NoDevelopers,IamOps.Cmdlets.AddIamDeveloperCommand", e.FullyQualifiedErrorId));
    }

    [Fact]
    public void Baseline_twice_changes_nothing_the_second_time_and_WhatIf_changes_nothing_at_all()
    {
        var run = HostedPowerShell.Run(
            "Enter-IamSandbox | Out-Null\n" +
            "$plan = New-IamAdminBaseline -AccountAlias demo-acct -AdminUserName alice -WhatIf\n" +
            "'whatif mutating ' + $IamOpsSandbox.CallLog.MutatingCalls.Count\n" +
            "$first = New-IamAdminBaseline -AccountAlias demo-acct -AdminUserName alice\n" +
            "$IamOpsSandbox.CallLog.Clear()\n" +
            "$second = New-IamAdminBaseline -AccountAlias demo-acct -AdminUserName alice\n" +
            "'second mutating ' + $IamOpsSandbox.CallLog.MutatingCalls.Count\n" +
            "'whatif ' + (($plan | Where-Object Status -eq 'WouldChange') | ForEach-Object Control) -join ','\n" +
            "'second ' + (($second | ForEach-Object { [string]$_.Status } | Where-Object { $_ -notin 'Compliant', 'ActionRequired' }).Count)\n" +
            "'credential ' + ($first | Where-Object Credential).Credential.UserName\n" +
            "'others ' + @($first | Where-Object { $_ -isnot [IamOps.Baseline.BaselineControl] }).Count");

        Assert.Empty(run.AllErrors);
        var lines = run.Output.Select(o => o.ToString()).ToList();
        Assert.Contains("whatif mutating 0", lines);
        Assert.Contains("second mutating 0", lines);
        Assert.Contains("second 0", lines);
        Assert.Contains("credential alice", lines);
        Assert.Contains("others 0", lines);
        Assert.Contains(lines, l => l.StartsWith("whatif ", StringComparison.Ordinal) && l.Contains("Alias", StringComparison.Ordinal) && l.Contains("AdminUser", StringComparison.Ordinal));
    }

    [Fact]
    public void An_interactive_host_is_asked_for_two_MFA_codes_after_the_QR_code_is_saved()
    {
        var qr = Path.Combine(Directory.CreateTempSubdirectory("iamops-qr-").FullName, "alice-mfa.png");
        var holder = new SandboxHolder();
        var host = new TextCaptureHost();
        string? asked = null;
        host.PromptHandler = (caption, message, fields) =>
        {
            asked = message;
            var account = holder.Account!;
            var uri = (string)account.GetType().GetMethod("VirtualMfaOtpAuthUri")!.Invoke(account, new object[] { "arn:aws:iam::123456789012:mfa/alice" })!;
            var seed = Uri.UnescapeDataString(uri.Split("secret=")[1].Split('&')[0]);
            var totp = account.GetType().Assembly.GetType("IamOps.Simulator.TimeBasedOneTimePassword")!.GetMethod("Compute")!;

            // The account's clock stops here, so the two codes and the account's check of them fall in the same 30-second steps.
            var clock = account.GetType().GetProperty("Clock")!;
            var now = (DateTime)clock.PropertyType.GetProperty("UtcNow")!.GetValue(clock.GetValue(account))!;
            clock.SetValue(account, Activator.CreateInstance(account.GetType().Assembly.GetType("IamOps.Simulator.ManualClock")!, now));
            return new Dictionary<string, PSObject>
            {
                [fields[0].Name] = new((string)totp.Invoke(null, new object[] { seed, now.AddSeconds(-30) })!),
                [fields[1].Name] = new((string)totp.Invoke(null, new object[] { seed, now })!),
            };
        };

        var run = HostedPowerShell.Run(
            "Enter-IamSandbox -AccountId 123456789012 | Out-Null\n$holder.Account = $IamOpsSandbox\n" +
            $"$result = New-IamAdminBaseline -AdminUserName alice -EnableVirtualMfa -MfaQrCodePath '{qr}'\n" +
            "($result | Where-Object { $_.Title -like 'MFA device*' }).Status\n($result | Where-Object Credential).Credential.MfaEnabled",
            new Dictionary<string, object?> { ["holder"] = holder }, host: host);

        Assert.Empty(run.AllErrors);
        Assert.Contains(qr, asked, StringComparison.Ordinal);
        Assert.Equal(new[] { "Changed", "True" }, run.Output.Select(o => o.ToString()).ToArray());
        Assert.True(new FileInfo(qr).Length > 0);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(qr));
    }

    [Fact]
    public void A_host_that_cannot_prompt_leaves_the_MFA_device_to_enable_later()
    {
        var qr = Path.Combine(Directory.CreateTempSubdirectory("iamops-qr-").FullName, "alice-mfa.png");

        var run = HostedPowerShell.Run(
            $"Enter-IamSandbox | Out-Null\n(New-IamAdminBaseline -AdminUserName alice -EnableVirtualMfa -MfaQrCodePath '{qr}' | Where-Object {{ $_.Title -like 'MFA device*' }}).Status");

        Assert.Empty(run.AllErrors);
        Assert.Equal("ActionRequired", Assert.Single(run.Output).ToString());
    }

    /// <summary>Hands the sandbox account from the script to the test's prompt handler.</summary>
    public sealed class SandboxHolder
    {
        public object? Account { get; set; }
    }

    public static TheoryData<string, string> BaselineBadInputs => new()
    {
        { "-AccountAlias Bad_Alias", "AccountAliasInvalid" },
        { "-AccountAlias -leading", "AccountAliasInvalid" },
        { "-AccountAlias 123456789012", "AccountAliasInvalid" },
        { "-PasswordPolicy @{ MinimumPasswordLenght = 20 }", "PasswordPolicyKeyUnknown" },
        { "-PasswordPolicy @{ MinimumPasswordLength = 5 }", "PasswordPolicyValueInvalid" },
        { "-PasswordPolicy @{ MinimumPasswordLength = 129 }", "PasswordPolicyValueInvalid" },
        { "-PasswordPolicy @{ MaxPasswordAge = 2000 }", "PasswordPolicyValueInvalid" },
        { "-AdminUserName 'not valid'", "UserNameInvalid" },
        { "-AdminUserName alice -CredentialFile $existing", "CredentialFileExists" },
        { "-AdminUserName alice -CredentialFile /no/such/folder/x.csv", "CredentialFileInvalid" },
    };

    [Theory]
    [MemberData(nameof(BaselineBadInputs))]
    public void Baseline_bad_input_is_a_clear_error_before_any_mutating_call(string arguments, string errorId)
    {
        var existing = Path.Combine(Directory.CreateTempSubdirectory("iamops-baseline-").FullName, "exists.csv");
        File.WriteAllText(existing, "keep");

        var run = HostedPowerShell.Run("Enter-IamSandbox | Out-Null\ntry { New-IamAdminBaseline " + arguments + " } finally { $global:mutating = $IamOpsSandbox.CallLog.MutatingCalls.Count }",
            new Dictionary<string, object?> { ["existing"] = existing }, capture: new[] { "mutating" });

        var error = Assert.Single(run.AllErrors);
        Assert.Equal(errorId + ",IamOps.Cmdlets.NewIamAdminBaselineCommand", error.FullyQualifiedErrorId);
        Assert.Equal("keep", File.ReadAllText(existing));
        Assert.Empty(run.Output);
        Assert.Equal(0, Convert.ToInt32(run.Variables["mutating"], System.Globalization.CultureInfo.InvariantCulture));
    }
}

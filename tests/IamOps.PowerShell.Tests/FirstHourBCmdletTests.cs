namespace IamOps.PowerShell.Tests;

/// <summary>
/// Issue 21 (items 5, 8, 9, 10) in a hosted engine: an MFA-enforced admin gets an MFA session and works, list
/// properties read as text, the baseline's one output type, help types and defaults, and the sandbox's additions.
/// </summary>
public sealed class FirstHourBCmdletTests
{
    private const string MfaAdmin = """
        Enter-IamSandbox | Out-Null
        $alice = (New-IamAdminBaseline -AdminUserName alice -ProgrammaticAccess -EnableVirtualMfa | Where-Object Credential).Credential
        $serial = $alice.MfaSerialNumber
        $codes = (Get-IamMfaCode $serial -At ([DateTime]::UtcNow.AddSeconds(-30))).TokenCode, (Get-IamMfaCode $serial).TokenCode
        New-IamAdminBaseline -AdminUserName alice -EnableVirtualMfa -MfaCode $codes | Out-Null
        $key = @{ AccessKey = $alice.AccessKeyId; SecretKey = $alice.SecretAccessKey }

        """;

    [Fact]
    public void An_mfa_enforced_admin_is_told_to_get_an_mfa_session_then_gets_one_and_works()
    {
        var run = HostedPowerShell.Run(MfaAdmin + """
            Add-IamDeveloper -UserName bob -CreateMissingGroup @key
            $code = Get-IamMfaCode $serial -At ([DateTime]::UtcNow.AddSeconds(30))
            $session = $code | Get-IamSessionToken @key
            $session.MultiFactorAuthPresent
            (Get-IamSessionToken -SerialNumber $serial @key -ScriptBlock { Add-IamDeveloper -UserName bob -CreateMissingGroup }).Status
            """);

        var denied = Assert.Single(run.Errors);
        Assert.Equal("MfaSessionRequired,IamOps.Cmdlets.AddIamDeveloperCommand", denied.FullyQualifiedErrorId);
        Assert.Contains("Get-IamSessionToken", denied.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "True", "Created" }, run.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void A_code_used_twice_in_its_window_is_reported_as_already_used()
    {
        var run = HostedPowerShell.Run(MfaAdmin + """
            $code = (Get-IamMfaCode $serial -At ([DateTime]::UtcNow.AddSeconds(30))).TokenCode
            Get-IamSessionToken -SerialNumber $serial -TokenCode $code @key | Out-Null
            Get-IamSessionToken -SerialNumber $serial -TokenCode $code -NoCache @key
            """);

        var error = Assert.Single(run.AllErrors);
        Assert.Equal("MfaCodeAlreadyUsed,IamOps.Cmdlets.GetIamSessionTokenCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void List_properties_read_as_a_then_b_and_the_baseline_emits_one_type()
    {
        var run = HostedPowerShell.Run("""
            Enter-IamSandbox | Out-Null
            $dev = Add-IamDeveloper -UserName ann -GroupName Developers, Ops -CreateMissingGroup
            $dev.Groups.ToString()
            $dev.Changes.ToString() -like '*Created user ann; Added user ann to group Developers;*'
            $rows = New-IamAdminBaseline -AdminUserName alice -ProgrammaticAccess
            'others ' + @($rows | Where-Object { $_ -isnot [IamOps.Baseline.BaselineControl] }).Count
            [string]($rows | Where-Object Credential).Credential -like 'alice: initial password, access key AKIA*'
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "Developers; Ops", "True", "others 0", "True" }, run.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void A_second_sandbox_warns_which_is_current_and_buckets_are_created_by_parameter()
    {
        var run = HostedPowerShell.Run("""
            $first = Enter-IamSandbox -AccountId 111111111111
            $second = Enter-IamSandbox -AccountId 222222222222 -BucketName acme-reports
            (Get-IamCallerIdentity).Account
            Add-IamDeveloper -UserName ivy -CreateMissingGroup | Out-Null
            (Grant-IamBucketAccess -UserName ivy -BucketName acme-reports -Access Read).Status
            """);

        Assert.Empty(run.Errors);
        var warning = Assert.Single(run.Warnings);
        Assert.Contains("111111111111", warning.Message, StringComparison.Ordinal);
        Assert.Contains("now work on sandbox account 222222222222", warning.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "222222222222", "Created" }, run.Output.Select(o => o.ToString()).ToArray());
    }

    [Theory]
    [InlineData("Invoke-IamRoleAssume", "DurationSeconds", "int", "3600 (STS default)")]
    [InlineData("Invoke-IamRoleAssume", "PolicyArn", "string[]", "None")]
    [InlineData("New-IamAdminBaseline", "AdminGroupName", "string", "Administrators")]
    [InlineData("New-IamAdminBaseline", "RequireMfa", "SwitchParameter", "True")]
    [InlineData("Add-IamDeveloper", "ThrottleLimit", "int", "4")]
    [InlineData("Get-IamSessionToken", "DurationSeconds", "int", "43200 (STS default)")]
    public void Help_shows_types_as_PowerShell_does_and_real_defaults(string command, string parameter, string type, string defaultValue)
    {
        var run = HostedPowerShell.Run($"$p = Get-Help {command} -Parameter {parameter}; $p.type.name; $p.defaultValue");

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { type, defaultValue }, run.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void Get_IamSessionToken_takes_the_profiles_mfa_serial_over_the_real_client()
    {
        var folder = Directory.CreateTempSubdirectory("iamops-mfa-session-profile-").FullName;
        try
        {
            var run = HostedPowerShell.Run("""
                Enter-IamSandbox | Out-Null
                $account = $IamOpsSandbox
                $alice = (New-IamAdminBaseline -AdminUserName alice -ProgrammaticAccess -EnableVirtualMfa | Where-Object Credential).Credential
                $serial = $alice.MfaSerialNumber
                $codes = (Get-IamMfaCode $serial -At ([DateTime]::UtcNow.AddSeconds(-30))).TokenCode, (Get-IamMfaCode $serial).TokenCode
                New-IamAdminBaseline -AdminUserName alice -EnableVirtualMfa -MfaCode $codes | Out-Null
                $next = (Get-IamMfaCode $serial -At ([DateTime]::UtcNow.AddSeconds(30))).TokenCode
                $endpoint = [IamOps.PowerShell.Tests.SandboxEndpoint]::Start($account)
                Exit-IamSandbox
                $file = $folder + '/credentials'
                [IO.File]::WriteAllText($file, "[alice]`naws_access_key_id = $($alice.AccessKeyId)`naws_secret_access_key = $([IamOps.Secrets.SecretText]::ToPlainText($alice.SecretAccessKey))`nmfa_serial = $serial`n")
                $connection = @{ ProfileName = 'alice'; ProfileLocation = $file; Region = 'us-east-1'; EndpointUrl = $endpoint.BaseUrl.ToString() }
                try { Get-IamSessionToken @connection } catch { $_.FullyQualifiedErrorId }
                $session = Get-IamSessionToken @connection -TokenCode $next -Verbose
                $session.SerialNumber -eq $serial
                $session.MultiFactorAuthPresent
                ($session | Get-IamCallerIdentity -Region us-east-1 -EndpointUrl $endpoint.BaseUrl.ToString()).Arn
                $endpoint.Dispose()
                """, new Dictionary<string, object?> { ["folder"] = folder });

            Assert.Empty(run.Errors);
            Assert.Equal("MfaCodeRequired,IamOps.Cmdlets.GetIamSessionTokenCommand", run.Output[0].ToString());
            Assert.Equal("True", run.Output[1].ToString());
            Assert.Equal("True", run.Output[2].ToString());
            Assert.EndsWith(":user/alice", run.Output[3].ToString(), StringComparison.Ordinal);
            Assert.Contains(run.Verbose, v => v.Message.Contains("mfa_serial of profile 'alice'", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

namespace IamOps.PowerShell.Tests;

/// <summary>Invoke-IamRoleAssume through the real engine, in a sandbox.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class RoleAssumeCmdletTests
{
    private const string Setup =
        "Enter-IamSandbox | Out-Null\n" +
        "$trust = '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"' + $IamOpsSandbox.AccountId + '\"},\"Action\":\"sts:AssumeRole\"}]}'\n" +
        "$null = $IamOpsSandbox.Connect().Iam.CreateRoleAsync([IamOps.Aws.CreateRoleRequest]@{ RoleName = 'deploy'; AssumeRolePolicyDocument = $trust }, [Threading.CancellationToken]::None).GetAwaiter().GetResult()\n";

    [Fact]
    public void Session_pipes_into_Get_IamCallerIdentity_by_property_name()
    {
        var run = HostedPowerShell.Run(Setup + "$s = Invoke-IamRoleAssume -RoleName deploy -RoleSessionName ops\n($s | Get-IamCallerIdentity).Arn");

        Assert.Empty(run.AllErrors);
        Assert.Matches("^arn:aws:sts::[0-9]{12}:assumed-role/deploy/ops$", run.Output.Single().ToString());
    }

    [Fact]
    public void ScriptBlock_runs_as_the_role_and_restores_the_environment_after_success_error_and_stop()
    {
        var run = HostedPowerShell.Run(Setup +
            "$env:AWS_ACCESS_KEY_ID = 'AKIDBEFORE'\n" +
            "[Environment]::SetEnvironmentVariable('AWS_SESSION_TOKEN', [NullString]::Value)\n" +
            "Invoke-IamRoleAssume -RoleName deploy -RoleSessionName blk -ScriptBlock { 'inside ' + $env:AWS_ACCESS_KEY_ID.StartsWith('ASIA') + ' ' + (Get-IamCallerIdentity).PrincipalType }\n" +
            "'success ' + $env:AWS_ACCESS_KEY_ID + ' ' + [string]::IsNullOrEmpty($env:AWS_SESSION_TOKEN)\n" +
            "try { Invoke-IamRoleAssume -RoleName deploy -ScriptBlock { throw 'boom' } } catch { 'caught ' + $_.Exception.Message }\n" +
            "'error ' + $env:AWS_ACCESS_KEY_ID + ' ' + [string]::IsNullOrEmpty($env:AWS_SESSION_TOKEN)\n" +
            "'after ' + (Get-IamCallerIdentity).PrincipalType\n" +
            "Invoke-IamRoleAssume -RoleName deploy -ScriptBlock { 'stopping'; throw [System.Management.Automation.PipelineStoppedException]::new() }\n" +
            "'not reached'");
        var afterStop = (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);

        Assert.Empty(run.Errors);
        Assert.Equal(
            new[] { "inside True AssumedRole", "success AKIDBEFORE True", "caught boom", "error AKIDBEFORE True", "after User" },
            run.Output.Select(o => o.ToString()).Where(o => o != "stopping").ToArray());
        Assert.DoesNotContain("not reached", run.Output.Select(o => o.ToString()));
        Assert.Equal(("AKIDBEFORE", (string?)null), afterStop);
    }

    [Fact]
    public void Bad_input_is_a_terminating_error_before_any_call()
    {
        var run = HostedPowerShell.Run("Enter-IamSandbox | Out-Null\n" +
            "try { Invoke-IamRoleAssume -RoleArn 'arn:aws:iam::1:role/x' } catch { $_.FullyQualifiedErrorId }\n" +
            "try { Invoke-IamRoleAssume -RoleName x -RoleSessionName 'no spaces' } catch { $_.FullyQualifiedErrorId }\n" +
            "try { Invoke-IamRoleAssume -RoleName x -DurationSeconds 60 } catch { $_.FullyQualifiedErrorId }\n" +
            "$IamOpsSandbox.CallLog.Calls.Count");

        Assert.Equal(
            new[] { "RoleArnInvalid,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", "RoleSessionNameInvalid,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", "DurationOutOfRange,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", "0" },
            run.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void Cache_makes_one_AssumeRole_call_for_a_hundred_invocations()
    {
        var run = HostedPowerShell.Run(Setup + "1..100 | ForEach-Object { $null = Invoke-IamRoleAssume -RoleName deploy }\n$IamOpsSandbox.CallLog.Of('AssumeRole').Count");

        Assert.Empty(run.AllErrors);
        Assert.Equal("1", run.Output.Single().ToString());
    }

    [Fact]
    public void SetEnvironment_exports_the_session_and_later_commands_in_the_sandbox_run_as_the_role()
    {
        try
        {
            var run = HostedPowerShell.Run(Setup +
                "$s = Invoke-IamRoleAssume -RoleName deploy -RoleSessionName envs -SetEnvironment\n" +
                "($env:AWS_ACCESS_KEY_ID -eq $s.AccessKeyId)\n" +
                "($env:AWS_SESSION_TOKEN -eq [IamOps.Secrets.SecretText]::ToPlainText($s.SessionToken))\n" +
                "($env:AWS_SECRET_ACCESS_KEY -eq [IamOps.Secrets.SecretText]::ToPlainText($s.SecretAccessKey))\n" +
                "(Get-IamCallerIdentity).Arn");

            Assert.Empty(run.AllErrors);
            Assert.Equal(new[] { "True", "True", "True" }, run.Output.Take(3).Select(o => o.ToString()));
            Assert.Matches("^arn:aws:sts::[0-9]{12}:assumed-role/deploy/envs$", run.Output[3].ToString());
            Assert.StartsWith("ASIA", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION" })
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public void Keys_in_the_environment_that_the_sandbox_did_not_issue_never_reach_it()
    {
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAREALKEY000000000");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "not-for-the-sandbox");
            var run = HostedPowerShell.Run("Enter-IamSandbox | Out-Null\n(Get-IamCallerIdentity).Arn");

            Assert.Empty(run.AllErrors);
            Assert.Matches("^arn:aws:iam::[0-9]{12}:user/Administrator$", run.Output.Single().ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        }
    }

    [Fact]
    public void WaitForRole_rides_out_IAM_propagation_of_a_role_created_a_moment_ago()
    {
        var run = HostedPowerShell.Run(
            "Enter-IamSandbox | Out-Null\n" +
            "$IamOpsSandbox.PropagationDelay = [TimeSpan]::FromSeconds(6)\n" +
            "$trust = '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"' + $IamOpsSandbox.AccountId + '\"},\"Action\":\"sts:AssumeRole\"}]}'\n" +
            "$null = $IamOpsSandbox.Connect().Iam.CreateRoleAsync([IamOps.Aws.CreateRoleRequest]@{ RoleName = 'fresh'; AssumeRolePolicyDocument = $trust }, [Threading.CancellationToken]::None).GetAwaiter().GetResult()\n" +
            "try { Invoke-IamRoleAssume -RoleName fresh -NoCache } catch { $_.FullyQualifiedErrorId }\n" +
            "(Invoke-IamRoleAssume -RoleName fresh -WaitForRole 40 -Verbose).AssumedRoleArn\n" +
            "try { Invoke-IamRoleAssume -RoleName fresh -WaitForRole 301 } catch { $_.FullyQualifiedErrorId }");

        Assert.Empty(run.Errors);
        Assert.Equal("RoleAssumeDenied,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", run.Output[0].ToString());
        Assert.Matches("assumed-role/fresh/", run.Output[1].ToString());
        Assert.StartsWith("ParameterArgumentValidationError,", run.Output[2].ToString(), StringComparison.Ordinal);
        Assert.Contains(run.Verbose, v => v.Message.Contains("-WaitForRole", StringComparison.Ordinal));
    }

    [Fact]
    public void The_profiles_mfa_serial_names_the_device_over_the_real_client()
    {
        var folder = Directory.CreateTempSubdirectory("iamops-mfa-profile-").FullName;
        try
        {
            var run = HostedPowerShell.Run(
                "Enter-IamSandbox | Out-Null\n" +
                "$account = $IamOpsSandbox\n" +
                "$totp = $account.GetType().Assembly.GetType('IamOps.Simulator.TimeBasedOneTimePassword')\n" +
                "$iam = $account.Connect().Iam\n" +
                "$none = [Threading.CancellationToken]::None\n" +
                "$device = $iam.CreateVirtualMfaDeviceAsync('adm', [NullString]::Value, [IamOps.Aws.IamTag[]]@(), $none).GetAwaiter().GetResult()\n" +
                "$now = [DateTime]::UtcNow\n" +
                "$null = $iam.EnableMfaDeviceAsync('Administrator', $device.SerialNumber, $totp::Compute($device.Base32StringSeed, $now.AddSeconds(-90)), $totp::Compute($device.Base32StringSeed, $now.AddSeconds(-60)), $none).GetAwaiter().GetResult()\n" +
                "$trust = '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::' + $account.AccountId + ':user/Administrator\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}'\n" +
                "$null = $iam.CreateRoleAsync([IamOps.Aws.CreateRoleRequest]@{ RoleName = 'guarded'; AssumeRolePolicyDocument = $trust }, $none).GetAwaiter().GetResult()\n" +
                "$endpoint = [IamOps.PowerShell.Tests.SandboxEndpoint]::Start($account)\n" +
                "Exit-IamSandbox\n" +
                "$file = $folder + '/credentials'\n" +
                "[IO.File]::WriteAllText($file, \"[vault]`naws_access_key_id = $($account.AdministratorCredentials.AccessKeyId)`naws_secret_access_key = $($account.AdministratorCredentials.SecretAccessKey)`nmfa_serial = $($device.SerialNumber)`n\")\n" +
                "$connection = @{ ProfileName = 'vault'; ProfileLocation = $file; Region = 'us-east-1'; EndpointUrl = $endpoint.BaseUrl.ToString() }\n" +
                "try { Invoke-IamRoleAssume @connection -RoleName guarded } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }\n" +
                "$code = $totp::Compute($device.Base32StringSeed, [DateTime]::UtcNow)\n" +
                "(Invoke-IamRoleAssume @connection -RoleName guarded -TokenCode $code -Verbose).AssumedRoleArn\n" +
                "$endpoint.Dispose()",
                new Dictionary<string, object?> { ["folder"] = folder });

            Assert.Empty(run.Errors);
            Assert.Equal("MfaCodeRequired,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", run.Output[0].ToString());
            Assert.Contains(":mfa/adm", run.Output[1].ToString(), StringComparison.Ordinal);
            Assert.Matches("^arn:aws:sts::[0-9]{12}:assumed-role/guarded/", run.Output[2].ToString());
            Assert.Contains(run.Verbose, v => v.Message.Contains("mfa_serial of profile 'vault'", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

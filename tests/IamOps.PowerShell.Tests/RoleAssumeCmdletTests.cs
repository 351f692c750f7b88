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
}

using System.Management.Automation;

namespace IamOps.PowerShell.Tests;

/// <summary>Grant-IamRoleAssume through the real engine in the sandbox: the seeds' scenario with Invoke-IamRoleAssume, binding, -WhatIf, errors, the view.</summary>
public sealed class RoleGrantCmdletTests
{
    private const string Sandbox = "Enter-IamSandbox | Out-Null\n";

    // A user with an access key of their own, and that key's connection parameters for Invoke-IamRoleAssume.
    private const string Developers = Sandbox +
        "$alice = Add-IamDeveloper -UserName alice -NoConsoleAccess -CreateMissingGroup -ProgrammaticAccess\n" +
        "$bob = Add-IamDeveloper -UserName bob -NoConsoleAccess -CreateMissingGroup -ProgrammaticAccess\n" +
        "$asAlice = @{ AccessKey = $alice.AccessKeyId; SecretKey = $alice.SecretAccessKey; NoCache = $true }\n" +
        "$asBob = @{ AccessKey = $bob.AccessKeyId; SecretKey = $bob.SecretAccessKey; NoCache = $true }\n";

    private static string[] Lines(PowerShellRun run) => run.Output.Select(o => o?.ToString() ?? string.Empty).ToArray();

    [Fact]
    public void Seeds_scenario_the_new_user_assumes_with_their_own_key_and_another_user_is_denied()
    {
        var run = HostedPowerShell.Run(Developers + """
            $grant = $alice | Grant-IamRoleAssume -RoleName deployer
            $grant.Status, $grant.PermissionPolicyName, ($grant.TrustedPrincipals -join ',')
            (Invoke-IamRoleAssume -RoleName deployer @asAlice -Verify).VerifiedIdentity.Arn
            try { Invoke-IamRoleAssume -RoleName deployer @asBob } catch { $_.FullyQualifiedErrorId }
            ($alice | Grant-IamRoleAssume -RoleName deployer).Status
            ($IamOpsSandbox.CallLog.Of('CreateRole') | ForEach-Object { $_.Caller }) -join ','
            """);

        Assert.Empty(run.Errors);
        var lines = Lines(run);
        Assert.Equal("Created", lines[0]);
        Assert.Equal("IamOps-AssumeRole-deployer", lines[1]);
        Assert.Matches("^arn:aws:iam::[0-9]{12}:root$", lines[2]);
        Assert.Matches("^arn:aws:sts::[0-9]{12}:assumed-role/deployer/alice$", lines[3]);
        Assert.Equal("RoleAssumeDenied,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", lines[4]);
        Assert.Equal("Unchanged", lines[5]);
        // The piped developer's SecretAccessKey does not make the grant run as that developer.
        Assert.Matches("^arn:aws:iam::[0-9]{12}:user/Administrator$", lines[6]);
    }

    [Fact]
    public void Require_mfa_denies_without_a_code_and_allows_a_valid_totp_code()
    {
        var run = HostedPowerShell.Run(Developers + """
            $none = [Threading.CancellationToken]::None
            $iam = $IamOpsSandbox.Connect().Iam
            $totp = $IamOpsSandbox.GetType().Assembly.GetType('IamOps.Simulator.TimeBasedOneTimePassword')
            $device = $iam.CreateVirtualMfaDeviceAsync('alice', [NullString]::Value, [IamOps.Aws.IamTag[]]::new(0), $none).GetAwaiter().GetResult()
            $now = [DateTime]::UtcNow
            $null = $iam.EnableMfaDeviceAsync('alice', $device.SerialNumber, $totp::Compute($device.Base32StringSeed, $now.AddSeconds(-30)), $totp::Compute($device.Base32StringSeed, $now), $none).GetAwaiter().GetResult()
            $grant = Grant-IamRoleAssume -RoleName admin -UserName alice -RequireMfa
            $grant.RequireMfa
            try { Invoke-IamRoleAssume -RoleName admin @asAlice } catch { $_.FullyQualifiedErrorId }
            try { Invoke-IamRoleAssume -RoleName admin @asAlice -SerialNumber $device.SerialNumber -TokenCode '000000' } catch { $_.FullyQualifiedErrorId }
            $code = $totp::Compute($device.Base32StringSeed, [DateTime]::UtcNow.AddSeconds(30))
            (Invoke-IamRoleAssume -RoleName admin @asAlice -SerialNumber $device.SerialNumber -TokenCode $code -Verify).VerifiedIdentity.Arn
            """);

        Assert.Empty(run.Errors);
        var lines = Lines(run);
        Assert.Equal("True", lines[0]);
        Assert.Equal("MfaRequired,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", lines[1]);
        Assert.Equal("MfaCodeRejected,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", lines[2]);
        Assert.Matches("^arn:aws:sts::[0-9]{12}:assumed-role/admin/alice$", lines[3]);
    }

    [Fact]
    public void An_external_id_mismatch_is_denied_and_the_right_one_allowed()
    {
        var run = HostedPowerShell.Run(Developers + """
            $grant = Grant-IamRoleAssume -RoleName partner -UserName alice -ExternalId 'acme-42-secretish'
            $grant.ExternalIdRequired
            try { Invoke-IamRoleAssume -RoleName partner @asAlice -ExternalId wrong-id } catch { $_.FullyQualifiedErrorId }
            (Invoke-IamRoleAssume -RoleName partner @asAlice -ExternalId 'acme-42-secretish').AssumedRoleArn
            """);

        Assert.Empty(run.Errors);
        var lines = Lines(run);
        Assert.Equal("True", lines[0]);
        Assert.Equal("ExternalIdMismatch,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", lines[1]);
        Assert.EndsWith(":assumed-role/partner/alice", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void What_if_shows_the_plan_returns_WouldChange_and_makes_no_mutating_call()
    {
        var run = HostedPowerShell.Run(Sandbox + """
            $id = $IamOpsSandbox.AddInstance('i-0123456789abcdef0')
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            $r = Grant-IamRoleAssume -RoleName app -Service ec2.amazonaws.com -PolicyArn arn:aws:iam::aws:policy/AmazonRDSFullAccess -InstanceId $id -MaxSessionDuration 7200 -WhatIf
            $r.Status
            $r.Changes
            $IamOpsSandbox.CallLog.MutatingCalls.Count - $before
            $r.TrustPolicyDocument -match 'ec2.amazonaws.com'
            [string]$IamOpsSandbox.InstanceProfileOf($id)
            """);

        Assert.Empty(run.AllErrors);
        var lines = Lines(run);
        Assert.Equal("WouldChange", lines[0]);
        Assert.Equal(
            new[]
            {
                "Would create role trusting ec2.amazonaws.com: role app",
                "Would create instance profile app",
                "Would add role app to instance profile app",
                "Would attach managed policy arn:aws:iam::aws:policy/AmazonRDSFullAccess to role app",
                "Would associate instance profile app with instance i-0123456789abcdef0",
            },
            lines[1..6]);
        Assert.Equal(new[] { "0", "True", string.Empty }, lines[6..]);
    }

    [Fact]
    public void Ec2_role_is_attached_to_the_instance_and_a_replacement_is_announced()
    {
        var run = HostedPowerShell.Run(Sandbox + """
            $id = $IamOpsSandbox.AddInstance('i-0123456789abcdef0')
            $first = Grant-IamRoleAssume -RoleName app -Service ec2.amazonaws.com -PolicyArn arn:aws:iam::aws:policy/AmazonRDSFullAccess -InstanceId $id
            $first.Status, $first.InstanceProfileName, $IamOpsSandbox.InstanceProfileOf($id)
            [pscustomobject]@{ InstanceId = $id } | Grant-IamRoleAssume -RoleName batch -Service ec2.amazonaws.com | ForEach-Object { $_.Status }
            $IamOpsSandbox.InstanceProfileOf($id)
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "Created", "app", "app", "Created", "batch" }, Lines(run));
        Assert.Contains("Replace instance profile app with batch", Assert.Single(run.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_items_are_non_terminating_errors_with_ids_and_the_rest_go_on_with_no_call_for_bad_input()
    {
        var run = HostedPowerShell.Run(Sandbox + """
            Add-IamDeveloper -UserName alice -NoConsoleAccess -CreateMissingGroup | Out-Null
            $before = $IamOpsSandbox.CallLog.Calls.Count
            Grant-IamRoleAssume -RoleName r -AccountId 12345
            Grant-IamRoleAssume -RoleName r -UserName alice -MaxSessionDuration 60
            Grant-IamRoleAssume -RoleName r -Service ec2
            Grant-IamRoleAssume -RoleName r -Service lambda.amazonaws.com -InstanceId i-0123456789abcdef0
            $IamOpsSandbox.CallLog.Calls.Count - $before
            'ghost', 'alice' | ForEach-Object { [pscustomobject]@{ RoleName = 'shared'; UserName = $_ } } | Grant-IamRoleAssume | ForEach-Object { $_.Grantee }
            """);

        Assert.Null(run.Terminating);
        Assert.Equal(new[] { "0", "alice" }, Lines(run));
        Assert.Equal(
            new[]
            {
                "AccountIdInvalid,IamOps.Cmdlets.GrantIamRoleAssumeCommand",
                "MaxSessionDurationInvalid,IamOps.Cmdlets.GrantIamRoleAssumeCommand",
                "ServicePrincipalInvalid,IamOps.Cmdlets.GrantIamRoleAssumeCommand",
                "InstanceIdWithoutEc2,IamOps.Cmdlets.GrantIamRoleAssumeCommand",
                "TargetNotFound,IamOps.Cmdlets.GrantIamRoleAssumeCommand",
            },
            run.Errors.Select(e => e.FullyQualifiedErrorId));
        Assert.All(run.Errors.Take(4), e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
        Assert.Equal(ErrorCategory.ObjectNotFound, run.Errors[4].CategoryInfo.Category);
        Assert.Equal("ghost", run.Errors[4].TargetObject);
    }

    [Theory]
    [InlineData("-Service ec2.amazonaws.com -UserName alice")]
    [InlineData("-Service ec2.amazonaws.com -RequireMfa")]
    [InlineData("-Service ec2.amazonaws.com -ExternalId abcdef")]
    [InlineData("-UserName alice -InstanceId i-0123456789abcdef0")]
    [InlineData("-UserName alice -GroupName Developers")]
    public void Impossible_combinations_are_binding_errors(string arguments)
    {
        var run = HostedPowerShell.Run(Sandbox + $"try {{ Grant-IamRoleAssume -RoleName r {arguments} }} catch {{ $_.FullyQualifiedErrorId }}\n$IamOpsSandbox.CallLog.Calls.Count");

        Assert.Equal(new[] { "AmbiguousParameterSet,IamOps.Cmdlets.GrantIamRoleAssumeCommand", "0" }, Lines(run));
    }

    [Fact]
    public void The_table_view_shows_status_first_then_role_conditions_and_grantee()
    {
        var host = new TextCaptureHost();
        var run = HostedPowerShell.Run(Sandbox + """
            Add-IamDeveloper -UserName alice -NoConsoleAccess -CreateMissingGroup | Out-Null
            Grant-IamRoleAssume -RoleName deployer -UserName alice -RequireMfa -ExternalId acme-42 | Out-Host
            """, host: host);

        Assert.Empty(run.AllErrors);
        var lines = host.Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^Status\s+RoleName\s+Conditions\s+Grantee$", lines[0]);
        Assert.Matches(@"^Created\s+deployer\s+MFA, ExternalId\s+user alice$", lines[2]);
        Assert.DoesNotContain("acme-42", host.Text, StringComparison.Ordinal);
    }
}

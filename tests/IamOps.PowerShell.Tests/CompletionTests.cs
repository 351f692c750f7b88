using System.Management.Automation;

namespace IamOps.PowerShell.Tests;

/// <summary>Tab completion through the real engine (TabExpansion2): names from the account the command would use, and actions from the catalog.</summary>
public sealed class CompletionTests
{
    /// <summary>Completes a line at its end; each match as "CompletionText|ListItemText|ToolTip".</summary>
    private const string Complete = """
        function Complete([string] $line) {
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }
        }
        function Matches([string] $line) {
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText + '|' + $_.ListItemText + '|' + $_.ToolTip }
        }

        """;

    /// <summary>A sandbox with users alan, alice and bob (group developers), group admins, roles app-reader and app-writer, and two of its own buckets.</summary>
    private const string Sandbox = Complete + """
        Enter-IamSandbox | Out-Null
        $IamOpsSandbox.AddBucket('acme-data', 'us-east-1', $IamOpsSandbox.AccountId)
        $IamOpsSandbox.AddBucket('acme-logs', 'eu-west-1', $IamOpsSandbox.AccountId)
        $IamOpsSandbox.AddBucket('acme-theirs', 'us-east-1', '111111111111')
        'alice', 'alan', 'bob' | Add-IamDeveloper -NoConsoleAccess -GroupName developers -CreateMissingGroup | Out-Null
        Add-IamDeveloper -UserName ops -NoConsoleAccess -GroupName admins -CreateMissingGroup | Out-Null
        'app-reader', 'app-writer' | ForEach-Object { Grant-IamBucketAccess -RoleName $_ -TrustService ec2.amazonaws.com -BucketName acme-data } | Out-Null
        $IamOpsSandbox.CallLog.Clear()

        """;

    [Fact]
    public void Names_complete_from_the_sandbox_account_on_every_wired_parameter()
    {
        var lines = new[]
        {
            "Grant-IamBucketAccess -UserName al",
            "Grant-IamBucketAccess -GroupName dev",
            "Grant-IamBucketAccess -RoleName app",
            "Grant-IamBucketAccess -UserName alice -BucketName acme",
            "Grant-IamBucketAccess ac",
            "Revoke-IamBucketAccess -RoleName app-w",
            "Revoke-IamBucketAccess -GroupName adm -BucketName acme-l",
            "Add-IamDeveloper -UserName B",
            "Add-IamDeveloper -UserName carol -GroupName ",
            "New-IamAdminBaseline -AdminUserName o",
            "New-IamAdminBaseline -AdminGroupName a",
            "Invoke-IamRoleAssume -RoleName app-",
            "Grant-IamRoleAssume -RoleName app-w",
            "Grant-IamRoleAssume -RoleName app-writer -UserName b",
            "Grant-IamRoleAssume -RoleName app-writer -GroupName adm",
            "Test-IamPolicy -Action s3:GetObject -UserName ali",
            "Test-IamPolicy -RoleName app-r",
            "Test-IamPolicy -GroupName d",
        };
        var script = Sandbox + string.Join("\n", lines.Select(l => $"'{l} => ' + ((Complete '{l}') -join ',')"));

        var run = HostedPowerShell.Run(script);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[]
        {
            "Grant-IamBucketAccess -UserName al => alan,alice",
            "Grant-IamBucketAccess -GroupName dev => developers",
            "Grant-IamBucketAccess -RoleName app => app-reader,app-writer",
            "Grant-IamBucketAccess -UserName alice -BucketName acme => acme-data,acme-logs",
            "Grant-IamBucketAccess ac => acme-data,acme-logs",
            "Revoke-IamBucketAccess -RoleName app-w => app-writer",
            "Revoke-IamBucketAccess -GroupName adm -BucketName acme-l => acme-logs",
            "Add-IamDeveloper -UserName B => bob",
            "Add-IamDeveloper -UserName carol -GroupName  => admins,developers",
            "New-IamAdminBaseline -AdminUserName o => ops",
            "New-IamAdminBaseline -AdminGroupName a => admins",
            "Invoke-IamRoleAssume -RoleName app- => app-reader,app-writer",
            "Grant-IamRoleAssume -RoleName app-w => app-writer",
            "Grant-IamRoleAssume -RoleName app-writer -UserName b => bob",
            "Grant-IamRoleAssume -RoleName app-writer -GroupName adm => admins",
            "Test-IamPolicy -Action s3:GetObject -UserName ali => alice",
            "Test-IamPolicy -RoleName app-r => app-reader",
            "Test-IamPolicy -GroupName d => developers",
        }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Tooltips_carry_the_arn_and_details_and_names_are_quoted_when_powershell_needs_it()
    {
        var run = HostedPowerShell.Run(Sandbox + """
            'ops,eu', 'ops@acme' | Add-IamDeveloper -NoConsoleAccess | Out-Null
            $IamOpsSandbox.CallLog.Clear()
            Matches 'Grant-IamBucketAccess -UserName ops'
            Matches 'Grant-IamBucketAccess -UserName "al'
            Matches "Grant-IamBucketAccess -UserName 'bo"
            Matches 'Grant-IamBucketAccess -UserName alice -BucketName acme-l'
            Matches 'Grant-IamBucketAccess -UserName *ic'
            """);

        Assert.Empty(run.AllErrors);
        var matches = run.Output.Select(o => o.ToString().Split('|')).ToList();
        Assert.Equal(new[] { "ops", "'ops,eu'", "'ops@acme'", "\"alan\"", "\"alice\"", "'bob'", "acme-logs", "alice" }, matches.Select(m => m[0]));
        Assert.Equal(new[] { "ops", "ops,eu", "ops@acme", "alan", "alice", "bob", "acme-logs", "alice" }, matches.Select(m => m[1]));
        Assert.Matches(@"^arn:aws:iam::\d{12}:user/ops,eu\ncreated \d{4}-\d\d-\d\d \d\d:\d\d UTC$", matches[1][2]);
        Assert.Equal("arn:aws:s3:::acme-logs\neu-west-1", matches[6][2]);
    }

    [Fact]
    public void A_second_completion_within_the_window_lists_nothing_again_and_each_kind_lists_once()
    {
        var run = HostedPowerShell.Run(Sandbox + """
            $first = Complete 'Grant-IamBucketAccess -UserName a'
            $again = Complete 'Grant-IamBucketAccess -UserName al'
            $other = Complete 'Add-IamDeveloper -UserName b'
            $groups = Complete 'Add-IamDeveloper -UserName b -GroupName d'
            $groupsAgain = Complete 'Test-IamPolicy -GroupName a'
            $buckets = Complete 'Grant-IamBucketAccess -UserName alice -BucketName a'
            $bucketsAgain = Complete 'Revoke-IamBucketAccess -UserName alice -BucketName acme-d'
            ($first -join ','), ($again -join ','), ($other -join ','), ($groups -join ','), ($groupsAgain -join ','), ($buckets -join ','), ($bucketsAgain -join ',')
            ($IamOpsSandbox.CallLog.Calls | ForEach-Object { $_.Operation }) -join ','
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "Administrator,alan,alice", "alan,alice", "bob", "developers", "admins", "acme-data,acme-logs", "acme-data", "ListUsers,ListGroups,ListBuckets" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Typed_access_keys_even_by_alias_are_the_caller_and_a_caller_who_may_not_list_gets_nothing_and_no_error()
    {
        var run = HostedPowerShell.Run(Sandbox + """
            $carol = Add-IamDeveloper -UserName carol -NoConsoleAccess -ProgrammaticAccess
            $secret = [System.Net.NetworkCredential]::new('', $carol.SecretAccessKey).Password
            $IamOpsSandbox.CallLog.Clear()
            $line = "Grant-IamBucketAccess -AK $($carol.AccessKeyId) -SK '$secret' -UserName a"
            (Complete $line).Count
            $IamOpsSandbox.CallLog.Calls | ForEach-Object { $_.Operation + ' ' + $_.Outcome + ' ' + $_.Caller }
            $Error.Count
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal("0", run.Output[0].ToString());
        Assert.Matches(@"^ListUsers AccessDenied arn:aws:iam::\d{12}:user/carol$", run.Output[1].ToString());
        Assert.Equal("0", run.Output[2].ToString());
    }

    [Fact]
    public void A_connection_that_cannot_be_made_yields_no_names_and_no_error()
    {
        var run = HostedPowerShell.Run(Complete + """
            (Complete 'Grant-IamBucketAccess -ProfileName no-such-profile -UserName a').Count
            (Complete 'Grant-IamBucketAccess -Region not-a-region -AccessKey AKIAEXAMPLE -SecretKey s -BucketName a').Count
            (Complete 'Invoke-IamRoleAssume -EndpointUrl ftp://nowhere -AccessKey AKIAEXAMPLE -SecretKey s -RoleName a').Count
            $Error.Count
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "0", "0", "0", "0" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Malformed_patterns_complete_to_nothing_and_no_error()
    {
        var run = HostedPowerShell.Run(Sandbox + """
            (Complete 'Grant-IamBucketAccess -UserName [ab').Count
            (Complete 'Test-IamPolicy -UserName alice -Action s3:Get[').Count
            (Complete 'Test-IamPolicy -UserName alice -Action s3[').Count
            $Error.Count
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "0", "0", "0", "0" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_slow_account_does_not_hold_the_prompt()
    {
        var run = HostedPowerShell.Run(Sandbox + """
            $IamOpsSandbox.Latency = [TimeSpan]::FromSeconds(10)
            (Complete 'Grant-IamBucketAccess -RoleName app').Count
            $IamOpsSandbox.Latency = [TimeSpan]::Zero
            $Error.Count
            """);

        // Names only come after the 10-second listing, so none at all means Tab returned without waiting for it
        // (no timing assertion: how long a busy machine takes is the benchmark's business, not a test's).
        Assert.Empty(run.AllErrors);
        Assert.Equal("0", run.Output[0].ToString());
        Assert.Equal("0", run.Output[1].ToString());
    }

    [Fact]
    public void Names_complete_over_http_from_the_keys_and_endpoint_typed_on_the_line_or_the_session_defaults()
    {
        var run = HostedPowerShell.Run(Complete + """
            Enter-IamSandbox | Out-Null
            # The simulator loads with IamOps, privately: its types are reached through the sandbox, not by name.
            $simulator = $IamOpsSandbox.GetType().Assembly
            Exit-IamSandbox
            $account = $simulator.GetType('IamOps.Simulator.SimulatedAccount')::new()
            $account.AddBucket('e2e-logs', 'eu-west-1', $account.AccountId)
            $endpoint = [IamOps.PowerShell.Tests.SandboxEndpoint]::Start($account)
            try {
                $keys = $account.AdministratorCredentials
                $splat = @{ AccessKey = $keys.AccessKeyId; SecretKey = $keys.SecretAccessKey; Region = 'eu-west-1'; EndpointUrl = "$($endpoint.BaseUrl)" }
                Add-IamDeveloper -UserName e2e-user -NoConsoleAccess -GroupName e2e-group -CreateMissingGroup @splat | Out-Null
                $account.CallLog.Clear()
                $connection = "-AccessKey $($keys.AccessKeyId) -SecretKey '$($keys.SecretAccessKey)' -Region eu-west-1 -EndpointUrl '$($endpoint.BaseUrl)'"
                (Complete "Grant-IamBucketAccess $connection -UserName e2e") -join ','
                (Complete "Grant-IamBucketAccess $connection -GroupName e2e") -join ','
                (Complete "Grant-IamBucketAccess $connection -UserName e2e-user -BucketName e2e") -join ','
                $StoredAWSCredentials = @{ AccessKeyId = $keys.AccessKeyId; SecretAccessKey = $keys.SecretAccessKey }
                $StoredAWSRegion = 'us-west-2'
                (Complete "Grant-IamBucketAccess -EndpointUrl '$($endpoint.BaseUrl)' -UserName e2e") -join ','
                ($account.CallLog.Calls | ForEach-Object { $_.Operation + ' ' + $_.Outcome }) -join ','
            }
            finally {
                $endpoint.Dispose()
            }
            """);

        Assert.Empty(run.AllErrors);
        // The last completion has no keys on the line: AWS.Tools' session defaults name the caller and (a new) region.
        Assert.Equal(new[] { "e2e-user", "e2e-group", "e2e-logs", "e2e-user", "ListUsers Success,ListGroups Success,ListBuckets Success,ListUsers Success" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Actions_complete_from_the_catalog_service_prefix_first_then_names_and_wildcards()
    {
        var run = HostedPowerShell.Run(Complete + """
            (Complete 'Test-IamPolicy -UserName alice -Action s3') -join ','
            (Complete 'Test-IamPolicy -UserName alice -Action S3:getob') -join ','
            (Complete 'Test-IamPolicy -UserName alice -Action s3:GetObject, s3:PutObjectT') -join ','
            (Complete 'Test-IamPolicy -UserName alice -Action s3:Get*Tagging') -join ','
            (Complete 'Test-IamPolicy -UserName alice -Action iam*') -join ','
            (TabExpansion2 -inputScript ($l = 'Test-IamPolicy -UserName alice -Action s3:GetObjectT') -cursorColumn $l.Length).CompletionMatches[0].ToolTip
            """);

        Assert.Empty(run.AllErrors);
        var prefixes = run.Output[0].ToString().Split(',');
        Assert.Equal("s3:", prefixes[0]);
        Assert.All(prefixes, p => Assert.Matches("^s3[a-z0-9-]*:$", p));
        var getOb = run.Output[1].ToString().Split(',');
        Assert.Contains("s3:GetObject", getOb);
        Assert.Contains("s3:GetObjectAcl", getOb);
        Assert.All(getOb, a => Assert.StartsWith("s3:GetOb", a, StringComparison.Ordinal));
        Assert.Contains("s3:PutObjectTagging", run.Output[2].ToString().Split(','));
        var tagging = run.Output[3].ToString().Split(',');
        Assert.Contains("s3:GetObjectTagging", tagging);
        Assert.Contains("s3:GetBucketTagging", tagging);
        Assert.All(tagging, a => Assert.Matches("^s3:Get.*Tagging", a));
        Assert.Contains("iam:", run.Output[4].ToString().Split(','));
        Assert.Equal("s3:GetObjectTagging (Read)", run.Output[5].ToString());
    }
}

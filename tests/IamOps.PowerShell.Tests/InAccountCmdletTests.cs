using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace IamOps.PowerShell.Tests;

/// <summary>Invoke-IamInAccount through the real engine, in a sandbox organization: binding, input shapes, sessions, -WhatIf, errors.</summary>
public sealed class InAccountCmdletTests
{
    private const string Org = "Enter-IamSandbox -MemberAccount 6 | Out-Null\n$ids = $IamOpsSandbox.MemberAccountIds\n";
    private const string DenyCreateUser = "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:CreateUser\",\"Resource\":\"*\"}]}'";

    [Fact]
    public void Each_account_is_called_only_with_its_own_role_session_even_when_runspaces_are_reused()
    {
        // Three runspaces for six accounts: every runspace runs two accounts, one after the other.
        var run = HostedPowerShell.Run(Org +
            "$seen = $ids | Invoke-IamInAccount -ThrottleLimit 3 { Add-IamDeveloper -UserName \"dev-$($_.Id)\" -NoConsoleAccess -GroupName Developers -CreateMissingGroup | Out-Null; Get-IamCallerIdentity }\n" +
            "foreach ($id in $ids) {\n" +
            "  $calls = $IamOpsSandbox.Member($id).CallLog.Calls\n" +
            "  $users = $IamOpsSandbox.Member($id).Connect().Iam.GetUserAsync(\"dev-$id\", [Threading.CancellationToken]::None).GetAwaiter().GetResult().UserName\n" +
            "  $mine = @($seen | Where-Object AccountId -eq $id)\n" +
            "  '{0}|{1}|{2}|{3}|{4}|{5}' -f $id, ([Linq.Enumerable]::Distinct([string[]]@($calls | ForEach-Object Caller)) -join ','), ([Linq.Enumerable]::Distinct([string[]]@($calls | ForEach-Object AccessKeyId)) -join ','), $calls.Count, $users, ($mine.Account -join ',')\n" +
            "}");

        Assert.Empty(run.AllErrors);
        var rows = run.Output.Select(o => o.ToString().Split('|')).ToList();
        Assert.Equal(6, rows.Count);
        foreach (var row in rows)
        {
            var id = row[0];
            Assert.Matches($"^arn:aws:sts::{id}:assumed-role/OrganizationAccountAccessRole/[^,]+$", row[1]);
            Assert.Matches("^ASIA[A-Z0-9]+$", row[2]);
            Assert.True(int.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture) >= 2);
            Assert.Equal("dev-" + id, row[4]);
            Assert.Equal(id, row[5]);
        }

        Assert.Equal(6, rows.Select(r => r[2]).Distinct().Count());
    }

    [Fact]
    public void Accounts_bind_from_ids_strings_and_objects_with_Id_or_AccountId_and_output_is_tagged_without_losing_its_type()
    {
        var run = HostedPowerShell.Run(Org +
            "$in = @($ids[0], [pscustomobject]@{ Id = $ids[1]; Name = 'prod'; Email = 'p@example.com'; Status = 'ACTIVE' }, [pscustomobject]@{ AccountId = $ids[2]; AccountName = 'dev' })\n" +
            "$out = $in | Invoke-IamInAccount -Ordered { Get-IamCallerIdentity; \"$($_.Id)/$($IamOpsAccount.Name)\" }\n" +
            "$out | ForEach-Object { '{0}|{1}|{2}|{3}' -f ($_.PSObject.TypeNames -notlike 'IamOps.InAccount#*')[0], $_.AccountId, $_.AccountName, ($_ -as [string]).Split('|')[0] }\n" +
            "@($out | Where-Object { $_ -is [IamOps.Aws.CallerIdentity] } | ForEach-Object { $_.PSObject.TypeNames[0] + '>' + $_.PSObject.TypeNames[1] })[0]\n" +
            "@($out | Where-Object { $_ -is [string] } | Where-Object { $_.PSObject.TypeNames -like 'IamOps.InAccount#*' }).Count\n" +
            "(Invoke-IamInAccount -AccountId $ids[3], $ids[4] { $_.Id } -Ordered) -join ','\n" +
            "$ids[3] | Invoke-IamInAccount { $_.GetType().Name }");

        Assert.Empty(run.AllErrors);
        var lines = run.Output.Select(o => o.ToString()).ToList();
        // IamOps objects get the type name that selects their view grouped by account in front of their own; others keep theirs.
        Assert.Equal("IamOps.InAccount#IamOps.Aws.CallerIdentity>IamOps.Aws.CallerIdentity", lines[6]);
        Assert.Equal("0", lines[7]);
        lines.RemoveRange(6, 2);
        Assert.Equal(8, lines.Count);
        Assert.Matches("^IamOps.Aws.CallerIdentity\\|[0-9]{12}\\|\\|", lines[0]);
        Assert.Matches("^IamOps.Aws.CallerIdentity\\|[0-9]{12}\\|prod\\|", lines[2]);
        Assert.Matches("^IamOps.Aws.CallerIdentity\\|[0-9]{12}\\|dev\\|", lines[4]);
        var ids = new[] { lines[0], lines[2], lines[4] }.Select(l => l.Split('|')[1]).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal($"System.String|{ids[0]}||{ids[0]}/", lines[1]);
        Assert.Equal($"System.String|{ids[1]}|prod|{ids[1]}/prod", lines[3]);
        Assert.Equal($"System.String|{ids[2]}|dev|{ids[2]}/dev", lines[5]);
        Assert.Matches("^[0-9]{12},[0-9]{12}$", lines[6]);
        Assert.Equal("FanOutAccount", lines[7]);
    }

    [Fact]
    public void WhatIf_flows_into_the_block_and_makes_no_mutating_call()
    {
        var run = HostedPowerShell.Run(Org +
            "$r = $ids | Invoke-IamInAccount -WhatIf { Add-IamDeveloper -UserName carol -NoConsoleAccess -GroupName Developers -CreateMissingGroup; $WhatIfPreference }\n" +
            "($r | Where-Object { $_ -is [bool] }) -join ','\n" +
            "$m = 0; $c = 0; foreach ($id in $ids) { $m += $IamOpsSandbox.Member($id).CallLog.MutatingCalls.Count; $c += $IamOpsSandbox.Member($id).CallLog.Calls.Count }\n" +
            "$m; $c -gt 0");

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "True,True,True,True,True,True", "0", "True" }, run.Output.Skip(run.Output.Count - 3).Select(o => o.ToString()));
    }

    [Fact]
    public void A_failing_account_is_an_error_naming_it_the_others_finish_and_the_summary_says_why()
    {
        var run = HostedPowerShell.Run(Org +
            "$null = $IamOpsSandbox.AttachServiceControlPolicy($ids[1], " + DenyCreateUser + ", 'deny-create-user')\n" +
            "$accounts = @($ids[0], $ids[1], '999999999999', $ids[2], 'not-an-id', $ids[3])\n" +
            "$out = $accounts | Invoke-IamInAccount -Summary -Ordered { if ($_.Id -eq $using:ids[3]) { throw 'the block gave up' }; Add-IamDeveloper -UserName erin -NoConsoleAccess -GroupName Developers -CreateMissingGroup | Out-Null; 'done ' + $_.Id } -ErrorVariable failed -WarningVariable warned 2>$null 3>$null\n" +
            "$out | Where-Object { $_ -is [string] }\n" +
            "$s = $out | Where-Object { $_ -isnot [string] }\n" +
            "'summary {0} {1} {2} {3}' -f $s.Total, $s.Succeeded, $s.Failed, ($s.FailedAccountId -join ',')\n" +
            "$failed | ForEach-Object { 'error {0} {1}' -f $_.FullyQualifiedErrorId, $_.TargetObject }\n" +
            "'warned ' + ($warned.Count -gt 0)");

        var lines = run.Output.Select(o => o.ToString()).ToList();
        Assert.True(run.Terminating is null, run.Terminating?.ToString());
        // The account whose SCP denies CreateUser still ran its block to the end (its error is non-terminating), and failed.
        var output = lines.TakeWhile(l => l.StartsWith("done ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, output.Count);
        Assert.Matches("^summary 5 2 3 [0-9]{12},999999999999,[0-9]{12}$", lines[3]);
        var errors = lines.Where(l => l.StartsWith("error ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, errors.Count);
        Assert.StartsWith("error AccountIdInvalid,IamOps.Cmdlets.InvokeIamInAccountCommand not-an-id", errors[0], StringComparison.Ordinal);
        Assert.Contains(errors, e => e.StartsWith("error AwsAccessDenied,", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("error RoleAssumeDenied,", StringComparison.Ordinal) && e.EndsWith(" 999999999999", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("error AccountScriptFailed,IamOps.Cmdlets.InvokeIamInAccountCommand ", StringComparison.Ordinal));
        Assert.Equal("warned True", lines[^1]);
    }

    [Fact]
    public void Streams_come_back_prefixed_with_the_account_one_progress_bar_and_a_summary_record()
    {
        var run = HostedPowerShell.Run(Org +
            "$tag = 'from-caller'\n" +
            "$ids[0..2] | Invoke-IamInAccount -ThrottleLimit 2 -Verbose {\n" +
            "  function Write-Streams { [CmdletBinding()] param($Text) $PSCmdlet.WriteWarning(\"careful $Text\"); $PSCmdlet.WriteVerbose('detail'); $PSCmdlet.WriteInformation('note', [string[]]@()) }\n" +
            "  Write-Streams $using:tag\n" +
            "}");

        Assert.Empty(run.AllErrors);
        Assert.Equal(3, run.Warnings.Count);
        Assert.All(run.Warnings, w => Assert.Matches("^\\[[0-9]{12}\\] careful from-caller$", w.Message));
        Assert.Equal(3, run.Verbose.Count(v => v.Message.EndsWith("] detail", StringComparison.Ordinal)));
        Assert.Equal(3, run.Information.Count(i => i.MessageData?.ToString() == "note" && i.Tags.Any(t => t.StartsWith("AccountId:", StringComparison.Ordinal))));
        Assert.Contains(run.Information, i => i.Tags.Contains("FanOutSummary") && i.MessageData?.ToString() == "3 accounts: 3 succeeded, 0 failed.");
        Assert.Single(run.Progress.Select(p => p.ActivityId).Distinct());
        Assert.Equal(ProgressRecordType.Completed, run.Progress[^1].RecordType);
    }

    [Fact]
    public void An_MFA_protected_admin_is_asked_for_one_code_and_every_account_is_assumed_with_that_one_MFA_session()
    {
        // alice's group denies everything without MFA (IamOps-RequireMFA), sts:AssumeRole included.
        var host = new TextCaptureHost();
        var answers = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var asked = 0;
        host.ReadLineHandler = () =>
        {
            Interlocked.Increment(ref asked);
            return answers.TryDequeue(out var code) ? code : string.Empty;
        };
        var run = HostedPowerShell.Run(Org +
            "$rows = New-IamAdminBaseline -AdminUserName alice -ProgrammaticAccess -EnableVirtualMfa\n" +
            "$alice = ($rows | Where-Object Credential).Credential\n" +
            "$serial = $alice.MfaSerialNumber\n" +
            "New-IamAdminBaseline -AdminUserName alice -EnableVirtualMfa -MfaCode (Get-IamMfaCode $serial -At ([DateTime]::UtcNow.AddSeconds(-30))).TokenCode, (Get-IamMfaCode $serial).TokenCode | Out-Null\n" +
            "$key = @{ AccessKey = $alice.AccessKeyId; SecretKey = $alice.SecretAccessKey }\n" +
            "$ids[0..2] | Invoke-IamInAccount @key { 1 } -ErrorAction SilentlyContinue -ErrorVariable noMfa -WarningAction SilentlyContinue | Out-Null\n" +
            "'without {0}' -f $noMfa.Count\n" +
            "$answers.Enqueue((Get-IamMfaCode $serial -At ([DateTime]::UtcNow.AddSeconds(30))).TokenCode)\n" +
            "$before = $IamOpsSandbox.CallLog.Calls.Count\n" +
            "$out = $ids[0..2] | Invoke-IamInAccount @key -SerialNumber $serial { Get-IamCallerIdentity }\n" +
            "$calls = @([Linq.Enumerable]::Skip($IamOpsSandbox.CallLog.Calls, $before))\n" +
            "$tokens = @($calls | Where-Object Operation -eq GetSessionToken)\n" +
            "$assumed = @($calls | Where-Object Operation -eq AssumeRole)\n" +
            "'sessions {0} {1} {2}' -f $tokens.Count, $tokens[0].Succeeded, $tokens[0].AccessKeyId\n" +
            "'assumed {0} ok {1} keys {2} alice {3}' -f $assumed.Count, @($assumed | Where-Object Succeeded).Count, ([Linq.Enumerable]::Distinct([string[]]@($assumed.AccessKeyId)) -join ','), $alice.AccessKeyId\n" +
            "'accounts ' + ([Linq.Enumerable]::Distinct([string[]]@($out | ForEach-Object { $_.Account -eq $_.AccountId })) -join ',') + ' ' + @([Linq.Enumerable]::Distinct([string[]]@($out.AccountId))).Count\n" +
            "$again = $ids[3] | Invoke-IamInAccount @key -SerialNumber $serial { (Get-IamCallerIdentity).Account }\n" +
            "'again ' + ($again -eq $ids[3])",
            new Dictionary<string, object?> { ["answers"] = answers },
            host: host);

        Assert.True(!run.AllErrors.Any(), string.Join("\n", run.AllErrors.Select(e => e.ToString())));
        var lines = run.Output.Select(o => o.ToString()).ToList();
        Assert.Equal("without 3", lines[0]);
        var session = lines[1].Split(' ');
        Assert.Equal(new[] { "sessions", "1", "True" }, session.Take(3));
        var assumed = lines[2].Split(' ');
        Assert.Equal(new[] { "assumed", "3", "ok", "3", "keys" }, assumed.Take(5));
        // alice's own key signed the one GetSessionToken; the one session it gave (a single ASIA key) signed every AssumeRole.
        Assert.Equal(assumed[7], session[3]);
        Assert.Matches("^ASIA[A-Z0-9]+$", assumed[5]);
        Assert.Equal("accounts True 3", lines[3]);

        // A second fan-out reuses the cached MFA session: no second prompt.
        Assert.Equal("again True", lines[4]);
        Assert.Equal(1, asked);
    }

    [Fact]
    public void Confirm_false_flows_into_the_block_and_a_prompt_there_is_an_error_that_names_the_fix()
    {
        var run = HostedPowerShell.Run(Org +
            "$ids[0..1] | Invoke-IamInAccount { Add-IamDeveloper -UserName carol -NoConsoleAccess -CreateMissingGroup | Out-Null; Remove-IamDeveloper -UserName carol } -ErrorAction SilentlyContinue -ErrorVariable asked -WarningAction SilentlyContinue | Out-Null\n" +
            "$asked | ForEach-Object { $_.FullyQualifiedErrorId + '|' + $_.ErrorDetails.Message + '|' + $_.ErrorDetails.RecommendedAction }\n" +
            "($ids[0..1] | Invoke-IamInAccount { Remove-IamDeveloper -UserName carol } -Confirm:$false | ForEach-Object Status) -join ','\n" +
            "$ConfirmPreference = 'None'\n" +
            "($ids[2] | Invoke-IamInAccount { Add-IamDeveloper -UserName dave -NoConsoleAccess -CreateMissingGroup | Out-Null; Remove-IamDeveloper -UserName dave } | ForEach-Object Status) -join ','");

        Assert.Empty(run.AllErrors);
        var lines = run.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(4, lines.Count);
        foreach (var asked in lines.Take(2))
        {
            var parts = asked.Split('|');
            Assert.StartsWith("HostFunctionNotImplemented,", parts[0], StringComparison.Ordinal);
            Assert.Matches("^\\[[0-9]{12}\\] .*Remove IAM user 'carol'.*Invoke-IamInAccount -Confirm:\\$false", parts[1]);
            Assert.Contains("-WhatIf", parts[2], StringComparison.Ordinal);
        }

        Assert.Equal("Removed,Removed", lines[2]);
        Assert.Equal("Removed", lines[3]);
    }

    [Fact]
    public void Accounts_share_at_most_ThrottleLimit_runspaces_and_progress_moves_when_accounts_start_and_finish()
    {
        // The first two accounts wait for each other, so two surely run at once however the machine schedules them.
        var run = HostedPowerShell.Run(Org +
            "$gate = [Threading.CountdownEvent]::new(2)\n" +
            "$ids | Invoke-IamInAccount -ThrottleLimit 2 -Verbose { $g = $using:gate; if ($g.CurrentCount -gt 0) { $g.Signal(); $null = $g.Wait(30000) }; $_.Id } | Out-Null\n" +
            "$ids[0] | Invoke-IamInAccount -AccountId 999999999999 -ThrottleLimit 1 -Verbose { 1 } -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null");

        var counts = run.Verbose.Select(v => v.Message).Where(m => m.Contains(" ran in ", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "6 account(s) ran in 2 runspace(s) (-ThrottleLimit 2).", "2 account(s) ran in 1 runspace(s) (-ThrottleLimit 1)." }, counts);
        var first = run.Progress.TakeWhile(p => p.RecordType != ProgressRecordType.Completed).ToList();
        Assert.Equal(6, first.Count(p => p.CurrentOperation.StartsWith("Started ", StringComparison.Ordinal)));
        Assert.Equal(5, first.Count(p => p.CurrentOperation.StartsWith("Finished ", StringComparison.Ordinal)));
        Assert.Contains(first, p => p.StatusDescription == "0 of 6 accounts done, 2 running");
        Assert.DoesNotContain(first, p => p.StatusDescription.EndsWith(", 3 running", StringComparison.Ordinal));
    }

    [Fact]
    public void Stopping_it_stops_the_running_accounts_and_starts_no_other()
    {
        // What Ctrl+C does at a prompt: PowerShell stops the pipeline.
        var started = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var state = InitialSessionState.CreateDefault2();
        state.Variables.Add(new SessionStateVariableEntry("started", started, string.Empty));
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Import-Module").AddParameter("Name", HostedPowerShell.ManifestPath).AddParameter("ErrorAction", "Stop").Invoke();
        ps.Commands.Clear();
        ps.AddScript(Org + "$ids | Invoke-IamInAccount -ThrottleLimit 2 { ($using:started).Enqueue($_.Id); while ($true) { [Threading.Thread]::Sleep(10) } }");
        var running = ps.BeginInvoke();

        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (started.Count < 2 && !running.IsCompleted && guard.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(10);
        }

        Assert.Equal(2, started.Count);
        var stopping = ps.BeginStop(null, null);
        Assert.True(stopping.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "the fan-out should stop its running accounts");

        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Equal(2, started.Count);
    }

    [Fact]
    public void Over_http_the_real_clients_list_the_accounts_assume_each_role_and_secure_every_account_and_a_rerun_changes_nothing()
    {
        // No sandbox in the session: Get-IamOrganizationAccount (our JSON 1.1 client), AssumeRole (AWSSDK.SecurityToken)
        // and every IAM call of the block (our Query client) go over HTTP to 127.0.0.1, as they would go to AWS.
        var run = HostedPowerShell.Run(
            "Enter-IamSandbox -MemberAccount 3 | Out-Null\n" +
            "$org = $IamOpsSandbox; $keys = $org.Management.AdministratorCredentials\n" +
            "Exit-IamSandbox -WarningAction SilentlyContinue\n" +
            "$endpoint = [IamOps.PowerShell.Tests.SandboxEndpoint]::StartOrganization($org)\n" +
            "try {\n" +
            "  $c = @{ EndpointUrl = $endpoint.BaseUrl.ToString(); Region = 'us-east-1'; AccessKey = $keys.AccessKeyId; SecretKey = $keys.SecretAccessKey }\n" +
            "  $members = @(Get-IamOrganizationAccount @c | Where-Object Id -ne $org.Management.AccountId)\n" +
            "  $first = @($members | Invoke-IamInAccount @c -Summary { New-IamAdminBaseline -AccountAlias \"acme-$($_.Id)\" -AdminUserName ops })\n" +
            "  $changes = 0; foreach ($m in $org.Members) { $changes += $m.CallLog.Changes.Count }\n" +
            "  $second = @($members | Invoke-IamInAccount @c -Summary { New-IamAdminBaseline -AccountAlias \"acme-$($_.Id)\" -AdminUserName ops })\n" +
            "  $again = 0; foreach ($m in $org.Members) { $again += $m.CallLog.Changes.Count }\n" +
            "  'members ' + $members.Count\n" +
            "  'first ' + $first[-1].Succeeded + ' ' + ($changes -gt 0)\n" +
            "  'second ' + $second[-1].Succeeded + ' ' + ($again - $changes)\n" +
            "  foreach ($m in $org.Members) { $m.AccountId + '|' + @($m.CallLog.Of('CreateAccountAlias') | Where-Object Succeeded).Count + '|' + ([Linq.Enumerable]::Distinct([string[]]@($m.CallLog.Changes | ForEach-Object Caller)) -join ',') }\n" +
            "} finally { $endpoint.Dispose() }");

        Assert.True(!run.AllErrors.Any(), string.Join("\n", run.AllErrors.Select(e => e.ToString())));
        var lines = run.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(new[] { "members 3", "first 3 True", "second 3 0" }, lines.Take(3));
        Assert.Equal(3, lines.Count - 3);
        foreach (var row in lines.Skip(3).Select(l => l.Split('|')))
        {
            Assert.Equal("1", row[1]);
            Assert.Matches($"^arn:aws:sts::{row[0]}:assumed-role/OrganizationAccountAccessRole/[^,]+$", row[2]);
        }
    }

    [Fact]
    public void A_role_of_your_own_that_requires_an_external_id_is_assumed_with_RoleName_and_ExternalId_and_refused_without()
    {
        // The audit role is made in each account through the fan-out itself, trusting the management account with an external id.
        var run = HostedPowerShell.Run(Org +
            "$management = $IamOpsSandbox.AccountId\n" +
            "$ids[0..2] | Invoke-IamInAccount { Grant-IamRoleAssume -RoleName audit -AccountId $using:management -ExternalId acme-42 -PolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess } | Out-Null\n" +
            "$ok = @($ids[0..2] | Invoke-IamInAccount -RoleName audit -ExternalId acme-42 { (Get-IamCallerIdentity).Arn })\n" +
            "$ok | ForEach-Object { 'ok ' + $_.AccountId + ' ' + $_ }\n" +
            "$null = $ids[0..2] | Invoke-IamInAccount -RoleName audit { 1 } -ErrorAction SilentlyContinue -ErrorVariable without -WarningAction SilentlyContinue\n" +
            "$null = $ids[0..2] | Invoke-IamInAccount -RoleName audit -ExternalId acme-43 { 1 } -ErrorAction SilentlyContinue -ErrorVariable wrong -WarningAction SilentlyContinue\n" +
            "'without ' + (@($without | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] + '@' + $_.TargetObject }) -join ' ')\n" +
            "'wrong ' + @($wrong).Count");

        Assert.True(!run.AllErrors.Any(), string.Join("\n", run.AllErrors.Select(e => e.ToString())));
        var lines = run.Output.Select(o => o.ToString()).ToList();
        var ok = lines.Where(l => l.StartsWith("ok ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        Assert.Equal(3, ok.Count);
        Assert.All(ok, row => Assert.Matches($"^arn:aws:sts::{row[1]}:assumed-role/audit/", row[2]));
        var without = lines.Single(l => l.StartsWith("without ", StringComparison.Ordinal)).Split(' ').Skip(1).ToList();
        Assert.Equal(3, without.Count);
        Assert.All(without, e => Assert.Matches("^RoleAssumeDenied@[0-9]{12}$", e));
        Assert.Equal("wrong 3", lines.Single(l => l.StartsWith("wrong ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("-ThrottleLimit 0")]
    [InlineData("-ThrottleLimit 65")]
    public void ThrottleLimit_outside_1_to_64_is_refused_by_binding(string argument)
    {
        var run = HostedPowerShell.Run("Invoke-IamInAccount -AccountId 123456789012 { 1 } " + argument);

        Assert.StartsWith("ParameterArgumentValidationError,", run.AllErrors.Single().FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }
}

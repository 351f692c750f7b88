using System.Management.Automation;

namespace IamOps.PowerShell.Tests;

/// <summary>Grant- and Revoke-IamBucketAccess through the real engine against the sandbox: binding, -WhatIf, streams, errors.</summary>
public sealed class BucketAccessSandboxTests
{
    private const string Setup = "Enter-IamSandbox | Out-Null; $IamOpsSandbox.AddBucket('acme-shared', 'us-east-1', $IamOpsSandbox.AccountId); ";

    [Fact]
    public void Add_IamDeveloper_output_pipes_in_by_user_name()
    {
        var run = HostedPowerShell.Run(Setup + """
            'dev1', 'dev2' | Add-IamDeveloper -NoConsoleAccess -CreateMissingGroup | Grant-IamBucketAccess -BucketName acme-shared -Prefix team -Access ReadWrite
            """);

        Assert.Empty(run.AllErrors);
        Assert.Empty(run.Warnings);
        Assert.Equal(new[] { "dev1", "dev2" }, run.Output.Select(o => (string)o.Properties["PrincipalName"].Value));
        Assert.All(run.Output, o =>
        {
            Assert.Equal("IamOps.BucketAccess.BucketAccessResult", o.TypeNames[0]);
            Assert.Equal("Created", o.Properties["Status"].Value.ToString());
            Assert.Equal("User", o.Properties["PrincipalType"].Value.ToString());
            Assert.Equal("team/", o.Properties["Prefix"].Value);
            Assert.Equal("IamOps-S3-acme-shared", o.Properties["PolicyName"].Value);
            Assert.EndsWith(":user/" + o.Properties["PrincipalName"].Value, (string)o.Properties["PrincipalArn"].Value, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void What_if_returns_the_document_and_makes_no_mutating_call()
    {
        var run = HostedPowerShell.Run(Setup + """
            Add-IamDeveloper -UserName dev1 -NoConsoleAccess -CreateMissingGroup | Out-Null
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            $result = Grant-IamBucketAccess -UserName dev1 -BucketName acme-shared -Prefix reports/ -Access Write -WhatIf
            $role = Grant-IamBucketAccess -RoleName uploader -TrustService ec2.amazonaws.com -BucketName acme-shared -WhatIf
            $result; $role
            $IamOpsSandbox.CallLog.MutatingCalls.Count - $before
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(3, run.Output.Count);
        Assert.Equal("WouldChange", run.Output[0].Properties["Status"].Value.ToString());
        Assert.Contains("arn:aws:s3:::acme-shared/reports/*", (string)run.Output[0].Properties["PolicyDocument"].Value, StringComparison.Ordinal);
        Assert.Equal("WouldChange", run.Output[1].Properties["Status"].Value.ToString());
        var roleChanges = ((System.Collections.IEnumerable)run.Output[1].Properties["Changes"].Value).Cast<object>().Select(c => c.ToString()!).ToList();
        Assert.Equal(4, roleChanges.Count);
        Assert.All(roleChanges, c => Assert.StartsWith("Would ", c, StringComparison.Ordinal));
        Assert.Equal(0, (int)run.Output[2].BaseObject);
    }

    [Fact]
    public void A_second_grant_is_unchanged_and_revoke_by_input_object_previews_then_removes_it()
    {
        var run = HostedPowerShell.Run(Setup + """
            Add-IamDeveloper -UserName dev1 -NoConsoleAccess -CreateMissingGroup | Out-Null
            $grant = Grant-IamBucketAccess -UserName dev1 -BucketName acme-shared -Access List
            $again = Grant-IamBucketAccess -UserName dev1 -BucketName acme-shared -Access List
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            $preview = $grant | Revoke-IamBucketAccess -WhatIf
            $previewCalls = $IamOpsSandbox.CallLog.MutatingCalls.Count - $before
            $revoked = $grant | Revoke-IamBucketAccess
            $twice = Revoke-IamBucketAccess -UserName dev1 -BucketName acme-shared
            $grant.Status, $again.Status, $preview.Status, $previewCalls, $revoked.Status, $twice.Status
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "Created", "Unchanged", "WouldChange", "0", "Removed", "Unchanged" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_missing_bucket_is_a_warning_and_with_strict_an_error_record_with_category_and_id()
    {
        var run = HostedPowerShell.Run(Setup + """
            Add-IamDeveloper -UserName dev1 -NoConsoleAccess -CreateMissingGroup | Out-Null
            (Grant-IamBucketAccess -UserName dev1 -BucketName not-there-yet).Status
            Grant-IamBucketAccess -UserName dev1 -BucketName also-missing -Strict
            Grant-IamBucketAccess -UserName ghost -BucketName acme-shared
            """);

        Assert.Equal("Created", Assert.Single(run.Output).ToString());
        Assert.Contains("not-there-yet", Assert.Single(run.Warnings).Message, StringComparison.Ordinal);
        Assert.Null(run.Terminating);
        Assert.Equal(2, run.Errors.Count);
        Assert.Equal("BucketNotFound,IamOps.Cmdlets.GrantIamBucketAccessCommand", run.Errors[0].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, run.Errors[0].CategoryInfo.Category);
        Assert.Equal("also-missing", run.Errors[0].TargetObject);
        Assert.Equal("TargetNotFound,IamOps.Cmdlets.GrantIamBucketAccessCommand", run.Errors[1].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, run.Errors[1].CategoryInfo.Category);
    }

    [Fact]
    public void The_table_view_shows_status_first_then_principal_access_bucket_and_no_document()
    {
        var host = new TextCaptureHost();
        var run = HostedPowerShell.Run(Setup + """
            Add-IamDeveloper -UserName dev1 -NoConsoleAccess -CreateMissingGroup | Out-Null
            Grant-IamBucketAccess -UserName dev1 -BucketName acme-shared -Prefix reports -Access Write -AllowDelete | Out-Host
            """, host: host);

        Assert.Empty(run.AllErrors);
        var lines = host.Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^Status\s+Principal\s+Access\s+Bucket$", lines[0]);
        Assert.Matches(@"^Created\s+user dev1\s+Write\+Delete\s+s3://acme-shared/reports/$", lines[2]);
        Assert.DoesNotContain("Statement", host.Text, StringComparison.Ordinal);
    }
}

using System.Management.Automation;

namespace IamOps.PowerShell.Tests;

/// <summary>Test-IamPolicy through the real engine: lint, decide, gates, error records, pipeline binding, views.</summary>
public sealed class TestIamPolicyTests : IDisposable
{
    private const string CommandId = ",IamOps.Cmdlets.TestIamPolicyCommand";

    private const string AdminPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private const string ReadBucketPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"] },
            { "Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/secret/*" },
            { "Sid": "PutFromOffice", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::reports/*", "Condition": { "IpAddress": { "aws:SourceIp": "203.0.113.0/24" } } }
          ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("iamops-testpolicy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Json_text_gives_findings_with_check_id_source_line_and_column()
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -PolicyDocument $json", Vars(("json", AdminPolicy)));

        Assert.Empty(run.AllErrors);
        var finding = run.Output.Single(o => (string)o.Properties["CheckId"].Value == "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES");
        Assert.Equal("IamOps.PolicyCheck.PolicyCheckFinding", finding.BaseObject.GetType().FullName);
        Assert.Equal("SecurityWarning", finding.Properties["Severity"].Value.ToString());
        Assert.Equal("PolicyDocument[0]", finding.Properties["Source"].Value);
        Assert.Equal("0", finding.Properties["Statement"].Value);
        Assert.Equal(1, finding.Properties["Line"].Value);
        Assert.True((int)finding.Properties["Column"].Value > 1);
    }

    [Fact]
    public void A_hashtable_is_serialized_and_linted_like_its_json()
    {
        var run = HostedPowerShell.Run("""
            Test-IamPolicy -PolicyDocument @{ Version = '2012-10-17'; Statement = @(@{ Sid = 'Pass'; Effect = 'Allow'; Action = 'iam:PassRole'; Resource = '*' }) }
            """);

        Assert.Empty(run.AllErrors);
        var finding = run.Output.Single(o => (string)o.Properties["CheckId"].Value == "PASS_ROLE_WITH_STAR_IN_RESOURCE");
        Assert.Equal("0 (Pass)", finding.Properties["Statement"].Value);
        Assert.Equal("Pass", finding.Properties["Sid"].Value);
    }

    [Fact]
    public void Malformed_json_is_an_error_finding_with_its_position_not_an_exception()
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -PolicyDocument $json", Vars(("json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\" ,, } ]\n}")));

        Assert.Empty(run.AllErrors);
        var finding = Assert.Single(run.Output, o => (string)o.Properties["CheckId"].Value == "JSON_SYNTAX_ERROR");
        Assert.Equal("Error", finding.Properties["Severity"].Value.ToString());
        Assert.Equal(3, finding.Properties["Line"].Value);
    }

    [Fact]
    public void FileInfo_objects_piped_bind_by_FullName_and_each_finding_names_its_file()
    {
        var admin = Write("admin.json", AdminPolicy);
        var reports = Write("reports.json", ReadBucketPolicy);

        // The hosted engine has no Get-ChildItem; DirectoryInfo.GetFiles yields the same FileInfo objects.
        var run = HostedPowerShell.Run("[System.IO.DirectoryInfo]::new($folder).GetFiles('*.json') | Test-IamPolicy", Vars(("folder", _folder)));

        Assert.Empty(run.AllErrors);
        var sources = run.Output.Select(o => (string)o.Properties["Source"].Value).Distinct().ToList();
        Assert.Contains(admin, sources);
        Assert.DoesNotContain(run.Output, o => (string)o.Properties["Source"].Value == reports && o.Properties["Severity"].Value.ToString() == "SecurityWarning");
    }

    [Fact]
    public void A_provider_qualified_PSPath_property_binds_to_Path()
    {
        var admin = Write("admin.json", AdminPolicy);

        var run = HostedPowerShell.Run("[pscustomobject]@{ PSPath = 'Microsoft.PowerShell.Core\\FileSystem::' + $admin } | Test-IamPolicy", Vars(("admin", admin)));

        Assert.Empty(run.AllErrors);
        Assert.Contains(run.Output, o => (string)o.Properties["Source"].Value == admin && (string)o.Properties["CheckId"].Value == "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES");
    }

    [Fact]
    public void Wildcard_paths_resolve_through_the_provider()
    {
        Write("one.json", AdminPolicy);
        Write("two.json", AdminPolicy);
        Write("skip.txt", AdminPolicy);

        var run = HostedPowerShell.Run("Test-IamPolicy -Path \"$folder/*.json\" -FailOn Error", Vars(("folder", _folder)));

        Assert.Empty(run.AllErrors);
        var files = run.Output.Select(o => Path.GetFileName((string)o.Properties["Source"].Value)).Distinct().Order().ToList();
        Assert.Equal(new[] { "one.json", "two.json" }, files);
    }

    [Fact]
    public void A_missing_path_is_an_error_record_and_the_other_files_are_still_linted()
    {
        var admin = Write("admin.json", AdminPolicy);

        var run = HostedPowerShell.Run("Test-IamPolicy -Path $missing, $admin", Vars(("missing", Path.Combine(_folder, "nope.json")), ("admin", admin)));

        var error = Assert.Single(run.AllErrors);
        Assert.Equal("PathNotFound" + CommandId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains(run.Output, o => (string)o.Properties["Source"].Value == admin);
    }

    [Fact]
    public void A_folder_given_as_path_is_an_error_record_that_suggests_a_pattern()
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -Path $folder", Vars(("folder", _folder)));

        var error = Assert.Single(run.AllErrors);
        Assert.Equal("PathIsDirectory" + CommandId, error.FullyQualifiedErrorId);
        Assert.Contains("*.json", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData("Error", true)]
    [InlineData("SecurityWarning", false)]
    public void Quiet_is_one_boolean_measured_against_FailOn(string failOn, bool expected)
    {
        var run = HostedPowerShell.Run($"Test-IamPolicy -PolicyDocument $json -Quiet -FailOn {failOn}", Vars(("json", AdminPolicy)));

        Assert.Empty(run.AllErrors);
        Assert.Equal(expected, (bool)Assert.Single(run.Output).BaseObject);
    }

    [Fact]
    public void Quiet_is_false_when_an_input_cannot_be_read()
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -Path $missing -Quiet", Vars(("missing", Path.Combine(_folder, "nope.json"))));

        Assert.False((bool)Assert.Single(run.Output).BaseObject);
        Assert.Equal("PathNotFound" + CommandId, Assert.Single(run.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void FailOn_writes_the_findings_then_ends_with_a_terminating_error_listing_them()
    {
        var run = HostedPowerShell.Run("$ErrorActionPreference = 'Stop'; Test-IamPolicy -PolicyDocument $json -FailOn SecurityWarning; 'not reached'", Vars(("json", AdminPolicy)));

        Assert.NotNull(run.Terminating);
        Assert.Equal("PolicyCheckFailed" + CommandId, run.Terminating!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, run.Terminating.CategoryInfo.Category);
        Assert.Contains("ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES", run.Terminating.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(run.Output, o => (string)o.Properties["CheckId"].Value == "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES");
        Assert.DoesNotContain(run.Output, o => o.BaseObject is string);
    }

    [Fact]
    public void FailOn_error_is_statement_terminating_so_try_catch_sees_it()
    {
        var run = HostedPowerShell.Run("try { Test-IamPolicy -PolicyDocument $json -FailOn Warning -ErrorAction Stop } catch { 'caught ' + $_.FullyQualifiedErrorId }", Vars(("json", AdminPolicy)));

        Assert.Equal("caught PolicyCheckFailed" + CommandId, run.Output.Last().BaseObject);
    }

    [Fact]
    public void FailOn_passes_a_clean_policy_without_an_error()
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -PolicyDocument $json -FailOn Warning; 'after'", Vars(("json", ReadBucketPolicy)));

        Assert.Empty(run.AllErrors);
        Assert.Equal("after", run.Output.Last().BaseObject);
    }

    [Fact]
    public void Decide_mode_answers_every_action_and_resource_with_the_deciding_statements()
    {
        var run = HostedPowerShell.Run("""
            Test-IamPolicy -PolicyDocument $json -Action s3:GetObject, s3:DeleteObject -Resource arn:aws:s3:::reports/q1.csv, arn:aws:s3:::reports/secret/pay.csv
            """, Vars(("json", ReadBucketPolicy)));

        Assert.Empty(run.AllErrors);
        var decisions = run.Output.Select(o => (Action: (string)o.Properties["Action"].Value, Resource: (string)o.Properties["Resource"].Value, Decision: o.Properties["Decision"].Value.ToString(), Matched: string.Join(",", (IEnumerable<object>)o.Properties["MatchedStatements"].Value))).ToList();
        Assert.Equal(4, decisions.Count);
        Assert.Contains(("s3:GetObject", "arn:aws:s3:::reports/q1.csv", "Allowed", "PolicyDocument[0][0] ReadReports"), decisions);
        Assert.Contains(("s3:GetObject", "arn:aws:s3:::reports/secret/pay.csv", "ExplicitDeny", "PolicyDocument[0][1] NoSecrets"), decisions);
        Assert.Contains(("s3:DeleteObject", "arn:aws:s3:::reports/q1.csv", "ImplicitDeny", string.Empty), decisions);
    }

    [Fact]
    public void Context_values_decide_conditions_and_missing_keys_are_reported()
    {
        var run = HostedPowerShell.Run("""
            Test-IamPolicy -PolicyDocument $json -Action s3:PutObject -Resource arn:aws:s3:::reports/x -Context @{ 'aws:SourceIp' = '203.0.113.9' }
            Test-IamPolicy -PolicyDocument $json -Action s3:PutObject -Resource arn:aws:s3:::reports/x
            """, Vars(("json", ReadBucketPolicy)));

        Assert.Empty(run.AllErrors);
        Assert.Equal("Allowed", run.Output[0].Properties["Decision"].Value.ToString());
        Assert.Equal("ImplicitDeny", run.Output[1].Properties["Decision"].Value.ToString());
        Assert.Contains("aws:SourceIp", (IEnumerable<string>)run.Output[1].Properties["MissingContextKeys"].Value);
    }

    [Fact]
    public void Wildcard_actions_expand_to_each_catalog_action()
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -PolicyDocument $json -Action 's3:Get*' -Resource arn:aws:s3:::reports/a", Vars(("json", ReadBucketPolicy)));

        Assert.Empty(run.AllErrors);
        var actions = run.Output.Select(o => (string)o.Properties["Action"].Value).ToList();
        Assert.True(actions.Count > 10, "s3:Get* names many actions");
        Assert.All(actions, a => Assert.DoesNotContain("*", a, StringComparison.Ordinal));
        Assert.Contains(run.Output, o => (string)o.Properties["Action"].Value == "s3:GetObject" && o.Properties["Decision"].Value.ToString() == "Allowed");
        Assert.Contains(run.Output, o => (string)o.Properties["Action"].Value == "s3:GetBucketPolicy" && o.Properties["Decision"].Value.ToString() == "ImplicitDeny");
    }

    [Fact]
    public void Boundary_session_resource_and_control_policies_take_part_in_the_decision()
    {
        var run = HostedPowerShell.Run("""
            $deny = @{ Version = '2012-10-17'; Statement = @(@{ Effect = 'Allow'; Action = 'ec2:*'; Resource = '*' }) }
            Test-IamPolicy -PolicyDocument $json -Action s3:GetObject -Resource arn:aws:s3:::reports/a -PermissionsBoundary $deny
            Test-IamPolicy -PolicyDocument $json -Action s3:GetObject -Resource arn:aws:s3:::reports/a -ServiceControlPolicy $admin
            """, Vars(("json", ReadBucketPolicy), ("admin", AdminPolicy)));

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "ImplicitDeny", "Allowed" }, run.Output.Select(o => o.Properties["Decision"].Value.ToString()));
    }

    [Fact]
    public void Decide_mode_Quiet_is_true_only_when_every_decision_is_allowed()
    {
        var run = HostedPowerShell.Run("""
            Test-IamPolicy -PolicyDocument $json -Action s3:GetObject, s3:ListBucket -Resource arn:aws:s3:::reports/a -Quiet
            Test-IamPolicy -PolicyDocument $json -Action s3:GetObject, s3:DeleteObject -Resource arn:aws:s3:::reports/a -Quiet
            """, Vars(("json", ReadBucketPolicy)));

        Assert.Empty(run.AllErrors);
        Assert.Equal(new object[] { true, false }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Deciding_on_a_malformed_policy_is_a_terminating_error_not_a_guess()
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -PolicyDocument '{\"Statement\": [' -Action s3:GetObject", Vars());

        var error = Assert.Single(run.AllErrors);
        Assert.Equal("PolicyDocumentMalformed" + CommandId, error.FullyQualifiedErrorId);
        Assert.Contains("JSON_SYNTAX_ERROR", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_null_document_is_an_error_and_Quiet_says_false_not_a_gate_passed_on_nothing()
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -PolicyDocument $null -Quiet");

        Assert.Equal("PolicyDocumentEmpty" + CommandId, Assert.Single(run.AllErrors).FullyQualifiedErrorId);
        Assert.Equal(false, Assert.Single(run.Output).BaseObject);
    }

    [Fact]
    public void Remote_decisions_for_documents_run_in_the_sandbox_with_verbose_output()
    {
        var run = HostedPowerShell.Run("Enter-IamSandbox | Out-Null\nTest-IamPolicy -PolicyDocument $json -Action s3:GetObject -Remote -Verbose | ForEach-Object { [string]$_.Decision + ' ' + $_.Remote }", Vars(("json", AdminPolicy)));

        Assert.Empty(run.AllErrors);
        Assert.Equal("Allowed True", Assert.Single(run.Output).ToString());
        Assert.Contains(run.Verbose, v => v.Message.StartsWith("Connection: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-Action GetObject", "ActionNameInvalid")]
    [InlineData("-Action 's3:Get Object'", "ActionNameInvalid")]
    [InlineData("-Action s3:GetObject -PrincipalArn alice", "PrincipalArnInvalid")]
    public void Action_names_and_the_principal_are_checked_before_deciding(string arguments, string errorId)
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -PolicyDocument $json " + arguments, Vars(("json", AdminPolicy)));

        Assert.Equal(errorId + CommandId, Assert.Single(run.AllErrors).FullyQualifiedErrorId);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void An_action_pattern_matching_nothing_is_a_clear_error()
    {
        var run = HostedPowerShell.Run("Test-IamPolicy -PolicyDocument $json -Action 'nosuchservice:Get*'", Vars(("json", AdminPolicy)));

        Assert.Equal("ActionPatternUnknown" + CommandId, Assert.Single(run.AllErrors).FullyQualifiedErrorId);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Principal_mode_decides_for_a_sandbox_developer_from_the_policies_of_the_account()
    {
        var run = HostedPowerShell.Run("""
            Enter-IamSandbox | Out-Null
            Add-IamDeveloper -UserName dana -GroupName Readers -CreateMissingGroup -GroupPolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess -NoConsoleAccess |
                Test-IamPolicy -Action s3:GetObject, iam:CreateUser
            Test-IamPolicy -GroupName Readers -Action s3:GetObject -Quiet
            Test-IamPolicy -UserName nobody -Action s3:GetObject
            Test-IamPolicy -UserName dana -Action s3:GetObject -Remote
            """);

        var decisions = run.Output.Where(o => o.BaseObject is not bool).ToList();
        // The last line asks the sandbox's own simulator (-Remote), which decides on the same engine.
        Assert.Equal(new[] { "s3:GetObject Allowed", "iam:CreateUser ImplicitDeny", "s3:GetObject Allowed" }, decisions.Select(o => $"{o.Properties["Action"].Value} {o.Properties["Decision"].Value}"));
        Assert.All(decisions, d => Assert.EndsWith(":user/dana", (string)d.Properties["Principal"].Value, StringComparison.Ordinal));
        Assert.Contains("arn:aws:iam::aws:policy/ReadOnlyAccess", string.Join(",", (IEnumerable<object>)decisions[0].Properties["MatchedStatements"].Value), StringComparison.Ordinal);
        Assert.True((bool)run.Output.Single(o => o.BaseObject is bool).BaseObject);
        Assert.Equal(new[] { "AwsNoSuchEntity" + CommandId }, run.Errors.Select(e => e.FullyQualifiedErrorId));
        Assert.Equal("nobody", run.Errors[0].TargetObject);
    }

    [Fact]
    public void Action_completes_from_the_catalog()
    {
        var run = HostedPowerShell.Run("$line = 'Test-IamPolicy -Action iam:PassR'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText");

        Assert.Empty(run.AllErrors);
        Assert.Contains("iam:PassRole", run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Finding_view_shows_severity_then_check_and_message()
    {
        Write("admin.json", AdminPolicy);
        var host = new TextCaptureHost();

        var run = HostedPowerShell.Run("Test-IamPolicy -Path \"$folder/admin.json\" | Out-Host", Vars(("folder", _folder)), host: host);

        Assert.Empty(run.AllErrors);
        var lines = host.Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^Severity\s+Finding$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^SecurityWarning\s+ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES: \S"));
    }

    [Fact]
    public void Decision_view_shows_decision_action_resource_and_statements()
    {
        var host = new TextCaptureHost();

        var run = HostedPowerShell.Run("Test-IamPolicy -PolicyDocument $json -Action s3:GetObject -Resource arn:aws:s3:::reports/a | Out-Host", Vars(("json", ReadBucketPolicy)), host: host);

        Assert.Empty(run.AllErrors);
        var lines = host.Text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^Decision\s+Action\s+Resource\s+Matched$", lines[0]);
        Assert.Matches(@"^Allowed\s+s3:GetObject\s+arn:aws:s3:::reports/a\s+PolicyDocument\[0\]\[0\] ReadReports$", lines[2]);
    }

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] variables) => variables.ToDictionary(v => v.Name, v => v.Value);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}

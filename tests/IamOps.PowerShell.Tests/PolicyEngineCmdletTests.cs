using System.Management.Automation;
using System.Text.Json;

namespace IamOps.PowerShell.Tests;

/// <summary>Test-IamPolicy's decide mode over every policy type: validation first, trust and key policies, levels, accounts, principal facts.</summary>
public sealed class PolicyEngineCmdletTests
{
    private const string CommandId = ",IamOps.Cmdlets.TestIamPolicyCommand";
    private const string Admin = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    private const string Role = "arn:aws:iam::111122223333:role/deploy";

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] variables) => variables.ToDictionary(v => v.Name, v => v.Value);

    private static string Decision(PSObject decision) => decision.Properties["Decision"].Value.ToString()!;

    [Fact]
    public void Quiet_is_false_for_every_invalid_document_of_the_validator_corpus_and_each_gets_an_error_record()
    {
        using var corpus = JsonDocument.Parse(File.ReadAllText(Path.Combine(HostedPowerShell.RepoRoot, "tests", "corpus", "invalid-policies.json")));
        var documents = corpus.RootElement.GetProperty("documents").EnumerateArray()
            .Select(d => new object[] { d.GetProperty("name").GetString()!, d.GetProperty("policyType").GetString()!, d.GetProperty("document").GetString()! }).ToArray();

        // Each document plays its own policy type in a decision that would otherwise be allowed.
        var run = HostedPowerShell.Run("""
            foreach ($case in $documents) {
                $name, $type, $doc = $case
                $errors = @()
                $quiet = switch ($type) {
                    'Identity' { Test-IamPolicy -PolicyDocument $doc -Action s3:GetObject -Quiet -ErrorVariable +errors -ErrorAction SilentlyContinue }
                    'PermissionsBoundary' { Test-IamPolicy -PolicyDocument $admin -PermissionsBoundary $doc -Action s3:GetObject -Quiet -ErrorVariable +errors -ErrorAction SilentlyContinue }
                    'Resource' { Test-IamPolicy -PolicyDocument $admin -ResourcePolicy $doc -Action s3:GetObject -Resource arn:aws:s3:::b/k -Quiet -ErrorVariable +errors -ErrorAction SilentlyContinue }
                    'Trust' { Test-IamPolicy -PolicyDocument $admin -TrustPolicy $doc -Action sts:AssumeRole -Resource $role -Quiet -ErrorVariable +errors -ErrorAction SilentlyContinue }
                    'ServiceControl' { Test-IamPolicy -PolicyDocument $admin -ServiceControlPolicy $doc -Action s3:GetObject -Quiet -ErrorVariable +errors -ErrorAction SilentlyContinue }
                    'ResourceControl' { Test-IamPolicy -PolicyDocument $admin -ResourceControlPolicy $doc -Action s3:GetObject -Quiet -ErrorVariable +errors -ErrorAction SilentlyContinue }
                }
                '{0}|{1}|{2}' -f $name, $quiet, (($errors | ForEach-Object { $_.FullyQualifiedErrorId }) -join ',')
            }
            """, Vars(("documents", documents), ("admin", Admin), ("role", Role)));

        Assert.Equal(documents.Length, run.Output.Count);
        Assert.All(run.Output.Select(o => (string)o.BaseObject), line =>
        {
            var parts = line.Split('|');
            Assert.True(parts[1] == "False", line);
            Assert.Contains("PolicyDocumentMalformed" + CommandId, parts[2], StringComparison.Ordinal);
        });
    }

    [Fact]
    public void An_invalid_document_is_an_error_record_with_its_line_and_column_and_no_decision()
    {
        var run = HostedPowerShell.Run("""Test-IamPolicy -PolicyDocument '{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' -Action s3:GetObject""");

        Assert.Empty(run.Output);
        var error = Assert.Single(run.Errors);
        Assert.Equal("PolicyDocumentMalformed" + CommandId, error.FullyQualifiedErrorId);
        Assert.Contains("line 1, column 12: INVALID_VERSION", error.Exception.Message, StringComparison.Ordinal);
        var finding = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal(("PolicyDocument[0]", 1, 12), ((string)finding.Properties["Source"].Value, (int)finding.Properties["Line"].Value, (int)finding.Properties["Column"].Value));
    }

    [Fact]
    public void An_unknown_action_names_the_nearest_and_a_resource_of_the_wrong_type_names_the_types()
    {
        var run = HostedPowerShell.Run("""
            Test-IamPolicy -PolicyDocument $admin -Action s3:GetObjekt, s3:GetObject, iam:PassRole -Resource arn:aws:s3:::reports/q1.csv
            """, Vars(("admin", Admin)));

        Assert.Equal(new[] { "s3:GetObject Allowed" }, run.Output.Select(o => $"{o.Properties["Action"].Value} {Decision(o)}"));
        Assert.Equal(new[] { "ActionUnknown" + CommandId, "ResourceTypeMismatch" + CommandId }, run.Errors.Select(e => e.FullyQualifiedErrorId));
        Assert.Contains("s3:GetObject", run.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Contains("role (arn:${Partition}:iam::${Account}:role/${RoleNameWithPath})", run.Errors[1].Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flat_SCP_list_is_one_level_and_nested_arrays_are_levels_that_each_must_allow()
    {
        var run = HostedPowerShell.Run("""
            $full = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
            $denyTrail = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}'
            $onlyS3 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
            Test-IamPolicy -PolicyDocument $admin -Action cloudtrail:DescribeTrails, cloudtrail:StopLogging -ServiceControlPolicy $full, $denyTrail
            Test-IamPolicy -PolicyDocument $admin -Action ec2:DescribeInstances -ServiceControlPolicy @(@($full), @($onlyS3, $denyTrail))
            """, Vars(("admin", Admin)));

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "Allowed", "ExplicitDeny", "ImplicitDeny" }, run.Output.Select(Decision));
        Assert.StartsWith("SCP level 2 does not allow ec2:DescribeInstances", (string)run.Output[2].Properties["Explanation"].Value, StringComparison.Ordinal);
        Assert.Equal("ServiceControl", run.Output[2].Properties["DecidedBy"].Value);
    }

    [Fact]
    public void The_trust_policy_must_allow_and_the_explanation_says_which_side_is_missing()
    {
        var run = HostedPowerShell.Run("""
            $allowAssume = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111122223333:role/deploy"}]}'
            $trustAccount = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}'
            $trustAlice = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}'
            $alice = 'arn:aws:iam::111122223333:user/alice'
            Test-IamPolicy -PolicyDocument $allowAssume -PrincipalArn $alice -Action sts:AssumeRole -Resource $role
            Test-IamPolicy -PolicyDocument @() -TrustPolicy $trustAccount -PrincipalArn $alice -Action sts:AssumeRole -Resource $role
            Test-IamPolicy -TrustPolicy $trustAlice -PrincipalArn $alice -Action sts:AssumeRole -Resource $role
            Test-IamPolicy -PolicyDocument $allowAssume -ResourcePolicy $trustAccount -PrincipalArn $alice -Action sts:AssumeRole -Resource $role -Quiet
            """, Vars(("role", Role)));

        Assert.Empty(run.AllErrors);
        var decisions = run.Output.Where(o => o.BaseObject is not bool).ToList();
        Assert.Equal(new[] { "ImplicitDeny", "ImplicitDeny", "Allowed" }, decisions.Select(Decision));
        Assert.StartsWith("no trust policy was given", (string)decisions[0].Properties["Explanation"].Value, StringComparison.Ordinal);
        Assert.Equal("the trust policy names only the account 111122223333, so an identity policy must allow sts:AssumeRole too, and no identity policy allows it", decisions[1].Properties["Explanation"].Value);
        Assert.True((bool)run.Output.Last().BaseObject);
    }

    [Fact]
    public void Across_accounts_the_bucket_policy_alone_is_not_enough()
    {
        var run = HostedPowerShell.Run("""
            $bucket = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:user/bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}'
            $read = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
            $bob = 'arn:aws:iam::444455556666:user/bob'
            Test-IamPolicy -ResourcePolicy $bucket -PrincipalArn $bob -Action s3:GetObject -Resource arn:aws:s3:::reports/q1.csv
            Test-IamPolicy -ResourcePolicy $bucket -PrincipalArn $bob -Action s3:GetObject -Resource arn:aws:s3:::reports/q1.csv -ResourceAccount 111122223333
            Test-IamPolicy -PolicyDocument $read -ResourcePolicy $bucket -PrincipalArn $bob -Action s3:GetObject -Resource arn:aws:s3:::reports/q1.csv -ResourceAccount 111122223333
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "Allowed", "ImplicitDeny", "Allowed" }, run.Output.Select(Decision));
        Assert.Equal("Identity", run.Output[1].Properties["DecidedBy"].Value);
    }

    [Fact]
    public void Principal_facts_come_from_the_principal_ARN_and_PrincipalTag_unless_the_context_gives_them()
    {
        var run = HostedPowerShell.Run("""
            $policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"red","aws:PrincipalAccount":"111122223333","aws:PrincipalType":"User"}}}]}'
            $alice = 'arn:aws:iam::111122223333:user/alice'
            Test-IamPolicy -PolicyDocument $policy -PrincipalArn $alice -PrincipalTag @{ team = 'red' } -Action s3:GetObject -Resource arn:aws:s3:::home/alice/a.txt
            Test-IamPolicy -PolicyDocument $policy -PrincipalArn $alice -PrincipalTag @{ team = 'blue' } -Action s3:GetObject -Resource arn:aws:s3:::home/alice/a.txt
            Test-IamPolicy -PolicyDocument $policy -PrincipalArn $alice -PrincipalTag @{ team = 'blue' } -Context @{ 'aws:PrincipalTag/team' = 'red' } -Action s3:GetObject -Resource arn:aws:s3:::home/alice/a.txt
            Test-IamPolicy -PolicyDocument $policy -PrincipalArn $alice -PrincipalTag @{ team = 'red' } -Action s3:GetObject -Resource arn:aws:s3:::home/bob/a.txt
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "Allowed", "ImplicitDeny", "Allowed", "ImplicitDeny" }, run.Output.Select(Decision));
    }

    [Fact]
    public void Resource_control_policies_apply_to_callers_from_other_accounts()
    {
        var run = HostedPowerShell.Run("""
            $rcpFull = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}'
            $orgOnly = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-acme"}}}]}'
            $bucket = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}'
            $read = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
            $common = @{ PolicyDocument = $read; ResourcePolicy = $bucket; PrincipalArn = 'arn:aws:iam::444455556666:user/bob'; Action = 's3:GetObject'; Resource = 'arn:aws:s3:::reports/q1.csv'; ResourceAccount = '111122223333' }
            Test-IamPolicy @common -ResourceControlPolicy $rcpFull, $orgOnly -Context @{ 'aws:PrincipalOrgID' = 'o-acme' }
            Test-IamPolicy @common -ResourceControlPolicy $rcpFull, $orgOnly -Context @{ 'aws:PrincipalOrgID' = 'o-other' }
            """);

        Assert.Empty(run.AllErrors);
        Assert.Equal(new[] { "Allowed", "ExplicitDeny" }, run.Output.Select(Decision));
        Assert.Equal("ResourceControl", run.Output[1].Properties["DecidedBy"].Value);
    }
}

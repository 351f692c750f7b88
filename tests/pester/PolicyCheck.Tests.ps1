#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Test-IamPolicy: lint like Access Analyzer and decide like the policy simulator, offline, in a CI gate.

Describe 'Test-IamPolicy' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $policies = Join-Path $PSScriptRoot '../../examples/policies'
        $reader = Join-Path $policies 'reports-reader.json'
        $passRoleEverywhere = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}'
    }

    Context 'lint' {
        It 'finds nothing to stop a gate in the example policies' {
            Test-IamPolicy -Path (Join-Path $policies '*.json') -Quiet -FailOn SecurityWarning | Should -BeTrue
        }

        It 'takes files from Get-ChildItem through the pipeline' {
            $findings = Get-ChildItem $policies -Filter *.json | Test-IamPolicy
            $findings | ForEach-Object { $_.Severity | Should -Not -Be 'Error' }
        }

        It 'flags iam:PassRole on every resource as a security warning' {
            (Test-IamPolicy -PolicyDocument $passRoleEverywhere).Severity | Should -Contain 'SecurityWarning'
            Test-IamPolicy -PolicyDocument $passRoleEverywhere -Quiet -FailOn SecurityWarning | Should -BeFalse
        }

        It 'fails the gate with PolicyCheckFailed' {
            { Test-IamPolicy -PolicyDocument $passRoleEverywhere -FailOn SecurityWarning -ErrorAction Stop } | Should -Throw -ErrorId 'PolicyCheckFailed,*'
        }

        It 'reports malformed JSON as an Error finding with its line and column' {
            $finding = Test-IamPolicy -PolicyDocument "{`n  `"Version`": `"2012-10-17`",`n  `"Statement`": [" | Select-Object -First 1
            $finding.Severity | Should -Be 'Error'
            $finding.Line | Should -BeGreaterThan 0
        }

        It 'reads a policy file written to disk' {
            $file = Join-Path $TestDrive 'wide.json'
            Set-Content -Path $file -Value $passRoleEverywhere
            (Test-IamPolicy -Path $file).Severity | Should -Contain 'SecurityWarning'
        }

        It 'says which file does not exist' {
            { Test-IamPolicy -Path (Join-Path $TestDrive 'missing.json') -ErrorAction Stop } | Should -Throw -ErrorId '*,IamOps.Cmdlets.TestIamPolicyCommand'
        }
    }

    Context 'decide' {
        It 'decides <Action> on <Resource> as <Decision>' -ForEach @(
            @{ File = 'reports-reader.json'; Action = 's3:GetObject'; Resource = 'arn:aws:s3:::acme-reports/reports/q1.csv'; Decision = 'Allowed' }
            @{ File = 'reports-reader.json'; Action = 's3:PutObject'; Resource = 'arn:aws:s3:::acme-reports/reports/q1.csv'; Decision = 'ImplicitDeny' }
            @{ File = 'ci-deployer.json'; Action = 's3:DeleteObject'; Resource = 'arn:aws:s3:::acme-artifacts/builds/1.zip'; Decision = 'ExplicitDeny' }
        ) {
            (Test-IamPolicy -Path (Join-Path $policies $File) -Action $Action -Resource $Resource).Decision | Should -Be $Decision
        }

        It 'expands an action wildcard into one decision per action' {
            $decisions = Test-IamPolicy -Path $reader -Action 's3:GetObject*' -Resource 'arn:aws:s3:::acme-reports/reports/q1.csv'
            $decisions.Count | Should -BeGreaterThan 1
            $decisions.Action | Should -Contain 's3:GetObject'
        }

        It 'takes the request context into account' {
            $onlyFromOffice = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}'
            (Test-IamPolicy -PolicyDocument $onlyFromOffice -Action s3:GetObject -Resource 'arn:aws:s3:::b/k' -Context @{ 'aws:SourceIp' = '203.0.113.7' }).Decision | Should -Be 'Allowed'
            (Test-IamPolicy -PolicyDocument $onlyFromOffice -Action s3:GetObject -Resource 'arn:aws:s3:::b/k' -Context @{ 'aws:SourceIp' = '198.51.100.1' }).Decision | Should -Be 'ImplicitDeny'
        }

        It 'answers one boolean with -Quiet' {
            Test-IamPolicy -Path $reader -Action s3:GetObject -Resource 'arn:aws:s3:::acme-reports/reports/q1.csv' -Quiet | Should -BeTrue
            Test-IamPolicy -Path $reader -Action s3:PutObject -Resource 'arn:aws:s3:::acme-reports/reports/q1.csv' -Quiet | Should -BeFalse
        }

        It 'lets a service control policy deny what the identity policy allows' {
            $denyS3 = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}'
            (Test-IamPolicy -Path $reader -Action s3:GetObject -Resource 'arn:aws:s3:::acme-reports/reports/q1.csv' -ServiceControlPolicy $denyS3).Decision | Should -Be 'ExplicitDeny'
        }
    }

    Context 'for a principal of the account' {
        BeforeEach { Enter-IamSandbox | Out-Null }
        AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

        It 'decides with the policies of a user, including their groups' {
            Add-IamDeveloper -UserName alice -NoConsoleAccess -GroupName Readers -CreateMissingGroup -GroupPolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess | Out-Null
            (Test-IamPolicy -UserName alice -Action s3:GetObject -Resource 'arn:aws:s3:::any/key').Decision | Should -Be 'Allowed'
            (Test-IamPolicy -UserName alice -Action s3:PutObject -Resource 'arn:aws:s3:::any/key').Decision | Should -Be 'ImplicitDeny'
        }
    }

    Context 'the CI gate example' {
        It 'passes on the example policies, run as pwsh -File' {
            & (Join-Path $PSScriptRoot '../../examples/policy-ci-gate.ps1') | Out-Null
            $? | Should -BeTrue
        }
    }
}

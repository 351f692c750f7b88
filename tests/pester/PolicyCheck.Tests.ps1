#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Test-IamPolicy: lint like Access Analyzer and decide like the policy simulator, offline.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    $policies = Join-Path $PSScriptRoot '../../examples/policies'
    $wildcard = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}'
}

Describe 'Test-IamPolicy lint' {
    It 'finds nothing wrong in the example policies' {
        Test-IamPolicy -Path (Join-Path $policies '*.json') -Quiet -FailOn SecurityWarning | Should -BeTrue
    }

    It 'flags iam:PassRole on every resource as a security warning and fails the gate' {
        $findings = Test-IamPolicy -PolicyDocument $wildcard
        $findings.Severity | Should -Contain 'SecurityWarning'
        { Test-IamPolicy -PolicyDocument $wildcard -FailOn SecurityWarning -ErrorAction Stop } | Should -Throw -ErrorId 'PolicyCheckFailed,*'
        Test-IamPolicy -PolicyDocument $wildcard -Quiet -FailOn SecurityWarning | Should -BeFalse
    }

    It 'reports malformed JSON with its position' {
        $finding = Test-IamPolicy -PolicyDocument '{"Version":"2012-10-17","Statement":[' | Select-Object -First 1
        $finding.Severity | Should -Be 'Error'
    }
}

Describe 'Test-IamPolicy decisions' {
    It 'allows, denies implicitly and denies explicitly' {
        (Test-IamPolicy -Path (Join-Path $policies 'reports-reader.json') -Action s3:GetObject -Resource 'arn:aws:s3:::acme-reports/reports/q1.csv').Decision | Should -Be 'Allowed'
        (Test-IamPolicy -Path (Join-Path $policies 'reports-reader.json') -Action s3:PutObject -Resource 'arn:aws:s3:::acme-reports/reports/q1.csv').Decision | Should -Be 'ImplicitDeny'
        (Test-IamPolicy -Path (Join-Path $policies 'ci-deployer.json') -Action s3:DeleteObject -Resource 'arn:aws:s3:::acme-artifacts/builds/1.zip').Decision | Should -Be 'ExplicitDeny'
    }

    It 'expands an action wildcard into one decision per action' {
        $decisions = Test-IamPolicy -Path (Join-Path $policies 'reports-reader.json') -Action 's3:GetObject*' -Resource 'arn:aws:s3:::acme-reports/reports/q1.csv'
        $decisions.Count | Should -BeGreaterThan 1
    }
}

Describe 'The example scripts' {
    It '<_> runs against the sandbox' -ForEach @('secure-new-account.ps1', 'onboard-team-from-csv.ps1', 'ec2-role-one-bucket.ps1', 'roles-to-assume.ps1', 'policy-ci-gate.ps1') {
        { & (Join-Path $PSScriptRoot "../../examples/$_") | Out-Null } | Should -Not -Throw
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pipeline federation: CI providers (GitHub Actions, GitLab, Azure DevOps) reach AWS through OIDC, never stored keys.

Describe 'Trust policies that federate a CI provider' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $provider = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
        function New-GitHubTrust([string] $Condition) {
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"' + $provider + '"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":' + $Condition + '}]}'
        }
    }

    It 'flags a sub of "repo:*" as a security warning that says how to fix it' {
        $trust = New-GitHubTrust '{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}'

        $finding = Test-IamPolicy -PolicyDocument $trust -PolicyType Trust | Where-Object CheckId -EQ 'FEDERATED_CI_SUBJECT_TOO_BROAD'

        $finding.Severity | Should -Be 'SecurityWarning'
        $finding.Message | Should -Match 'repo:<owner>/<repo>'
        Test-IamPolicy -PolicyDocument $trust -PolicyType Trust -Quiet -FailOn SecurityWarning | Should -BeFalse
    }

    It 'flags a trust with no sub condition' {
        $trust = New-GitHubTrust '{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}'

        (Test-IamPolicy -PolicyDocument $trust -PolicyType Trust).CheckId | Should -Contain 'FEDERATED_CI_WITHOUT_SUBJECT'
    }

    It 'passes a trust that names the repository and branch' {
        $trust = New-GitHubTrust '{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}'

        Test-IamPolicy -PolicyDocument $trust -PolicyType Trust -Quiet -FailOn Warning | Should -BeTrue
    }
}

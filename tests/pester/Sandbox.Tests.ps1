#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The sandbox: a simulated account that needs no AWS credentials.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
}

Describe 'Enter-IamSandbox' {
    It 'keeps state in a file across sessions' {
        $state = Join-Path $TestDrive 'sandbox.json'
        $info = Enter-IamSandbox -Path $state -AccountId 444455556666
        $info.Account | Should -Be '444455556666'
        Add-IamDeveloper -UserName carol -NoConsoleAccess | Out-Null
        Exit-IamSandbox

        Enter-IamSandbox -Path $state | Out-Null
        (Add-IamDeveloper -UserName carol -NoConsoleAccess).Status | Should -Be 'Unchanged'
        Exit-IamSandbox
    }

    It 'refuses a corrupt state file and leaves it alone' {
        $state = Join-Path $TestDrive 'corrupt.json'
        Set-Content -Path $state -Value 'not json'
        { Enter-IamSandbox -Path $state } | Should -Throw -ErrorId 'SandboxStateInvalid,IamOps.Cmdlets.EnterIamSandboxCommand'
        Get-Content -Path $state | Should -Be 'not json'
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The sandbox: a simulated account that needs no AWS account, no credentials and no network.

Describe 'Enter-IamSandbox' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'makes every IamOps cmdlet work on a simulated account with the account id asked for' {
        $info = Enter-IamSandbox -AccountId 111122223333
        $info.Account | Should -Be '111122223333'
        (Get-IamCallerIdentity).Account | Should -Be '111122223333'
    }

    It 'keeps the account in a state file across sessions' {
        $state = Join-Path $TestDrive 'sandbox.json'
        Enter-IamSandbox -Path $state -AccountId 444455556666 | Out-Null
        (Add-IamDeveloper -UserName carol -NoConsoleAccess -GroupName Developers -CreateMissingGroup).Status | Should -Be 'Created'
        Exit-IamSandbox

        (Enter-IamSandbox -Path $state).Account | Should -Be '444455556666'
        (Add-IamDeveloper -UserName carol -NoConsoleAccess -GroupName Developers).Status | Should -Be 'Unchanged'
    }

    It 'writes the state file readable by its owner only' -Skip:$IsWindows {
        $state = Join-Path $TestDrive 'private.json'
        Enter-IamSandbox -Path $state | Out-Null
        Add-IamDeveloper -UserName dave -NoConsoleAccess -GroupName Developers -CreateMissingGroup | Out-Null
        (Get-Item $state).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'refuses a corrupt state file and leaves it alone' {
        $state = Join-Path $TestDrive 'corrupt.json'
        Set-Content -Path $state -Value 'not json'
        { Enter-IamSandbox -Path $state } | Should -Throw -ErrorId 'SandboxStateInvalid,IamOps.Cmdlets.EnterIamSandboxCommand'
        Get-Content -Path $state | Should -Be 'not json'
    }

    It 'refuses an account id that is not twelve digits' {
        { Enter-IamSandbox -AccountId 12345 } | Should -Throw -ErrorId '*,IamOps.Cmdlets.EnterIamSandboxCommand'
    }

    It 'resolves a relative -Path against the current location' {
        Push-Location $TestDrive
        try {
            Enter-IamSandbox -Path ./relative.json | Out-Null
            Add-IamDeveloper -UserName erin -NoConsoleAccess -GroupName Developers -CreateMissingGroup | Out-Null
            Join-Path $TestDrive 'relative.json' | Should -Exist
        }
        finally { Pop-Location }
    }
}

Describe 'IAMOPS_SANDBOX' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $state = Join-Path $TestDrive 'ci.json'
        $env:IAMOPS_SANDBOX = $state
    }
    AfterAll { Remove-Item Env:IAMOPS_SANDBOX -ErrorAction SilentlyContinue }

    It 'puts a session without Enter-IamSandbox in the named state file' {
        (Add-IamDeveloper -UserName ci-user -NoConsoleAccess -GroupName Developers -CreateMissingGroup).Status | Should -Be 'Created'
        $state | Should -Exist
        Get-Content $state -Raw | Should -Match 'ci-user'
    }
}

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

Describe 'Credentials inside the sandbox' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    BeforeEach {
        Enter-IamSandbox | Out-Null
        $dev = Add-IamDeveloper -UserName dana -NoConsoleAccess -GroupName Developers -CreateMissingGroup -ProgrammaticAccess
        $profiles = Join-Path $TestDrive 'credentials'
        Set-Content -Path $profiles -Value @(
            '[dana]'
            "aws_access_key_id = $($dev.AccessKeyId)"
            "aws_secret_access_key = $([Net.NetworkCredential]::new('', $dev.SecretAccessKey).Password)"
            '[stranger]'
            'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'
            'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
            '[via-role]'
            'role_arn = arn:aws:iam::111122223333:role/ops'
            'source_profile = dana'
        )
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'signs as the developer whose keys a -ProfileName profile holds' {
        (Get-IamCallerIdentity -ProfileName dana -ProfileLocation $profiles).Arn | Should -Match ':user/dana$'
    }

    It 'refuses a profile holding keys the sandbox never issued, instead of working as the administrator' {
        { Get-IamCallerIdentity -ProfileName stranger -ProfileLocation $profiles -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxKeyNotIssued,IamOps.Cmdlets.GetIamCallerIdentityCommand'
    }

    It 'refuses a profile that would call a service for its credentials' {
        { Get-IamCallerIdentity -ProfileName via-role -ProfileLocation $profiles -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxProfileUnsupported,IamOps.Cmdlets.GetIamCallerIdentityCommand'
    }

    It 'says which profile does not exist' {
        { Get-IamCallerIdentity -ProfileName nobody -ProfileLocation $profiles -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileNotFound,IamOps.Cmdlets.GetIamCallerIdentityCommand'
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

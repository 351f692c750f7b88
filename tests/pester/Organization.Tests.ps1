#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# A sandbox organization: a management account and member accounts, reached through OrganizationAccountAccessRole.

Describe 'Enter-IamSandbox -MemberAccount' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'creates a management account and the member accounts asked for, working as the management administrator' {
        $info = Enter-IamSandbox -MemberAccount 20 -AccountId 111122223333
        $info.Account | Should -Be '111122223333'
        $info.MemberAccounts.Count | Should -Be 20
        $IamOpsSandbox.Accounts.Count | Should -Be 21
        (Get-IamCallerIdentity).Arn | Should -Be 'arn:aws:iam::111122223333:user/Administrator'
    }

    It 'lets the management administrator work in a member account through its OrganizationAccountAccessRole' {
        Enter-IamSandbox -MemberAccount 3 | Out-Null
        $member = $IamOpsSandbox.MemberAccountIds[2]
        $arn = Invoke-IamRoleAssume -RoleArn "arn:aws:iam::${member}:role/OrganizationAccountAccessRole" -ScriptBlock {
            Add-IamDeveloper -UserName carol -NoConsoleAccess -GroupName Developers -CreateMissingGroup | Out-Null
            (Get-IamCallerIdentity).Arn
        }
        $arn | Should -BeLike "arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/*"
        $created = $IamOpsSandbox.Member($member).CallLog.Of('CreateUser')
        $created.Count | Should -Be 1
        $created[0].Caller | Should -BeLike "arn:aws:sts::${member}:assumed-role/OrganizationAccountAccessRole/*"
        $IamOpsSandbox.Management.CallLog.Of('CreateUser').Count | Should -Be 0
    }

    It 'keeps the organization in state files across sessions' {
        $state = Join-Path $TestDrive 'org.json'
        $first = Enter-IamSandbox -Path $state -MemberAccount 2
        Exit-IamSandbox
        $again = Enter-IamSandbox -Path $state
        $again.Account | Should -Be $first.Account
        $again.MemberAccounts | Should -Be $first.MemberAccounts
        Join-Path $TestDrive "org.$($first.MemberAccounts[0]).json" | Should -Exist
    }
}

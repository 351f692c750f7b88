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

Describe 'Get-IamOrganizationAccount' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        Enter-IamSandbox -MemberAccount 20 -AccountId 111122223333 | Out-Null
    }
    AfterAll { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'lists the 20 member accounts and the management account, typed, with their OU paths' {
        $accounts = Get-IamOrganizationAccount
        $accounts.Count | Should -Be 21
        $accounts.Id | Should -Contain '111122223333'
        $IamOpsSandbox.MemberAccountIds | ForEach-Object { $accounts.Id | Should -Contain $_ }
        $accounts[0] | Should -BeOfType ([IamOps.Organizations.OrganizationAccount])
        $accounts[0].JoinedTimestamp | Should -BeOfType ([datetime])
        $accounts[0].JoinedTimestamp.Kind | Should -Be 'Utc'
        $accounts.OuPath | Select-Object -Unique | Should -Be 'Root'
    }

    It 'lists the accounts under an OU and, with -Recurse, those of the OUs below it' {
        $workloads = $IamOpsSandbox.NewOrganizationalUnit($IamOpsSandbox.RootId, 'Workloads')
        $prod = $IamOpsSandbox.NewOrganizationalUnit($workloads, 'Prod')
        $IamOpsSandbox.MoveAccount($IamOpsSandbox.MemberAccountIds[0], $workloads)
        $IamOpsSandbox.MoveAccount($IamOpsSandbox.MemberAccountIds[1], $prod)

        (Get-IamOrganizationAccount -ParentId $workloads).Id | Should -Be $IamOpsSandbox.MemberAccountIds[0]
        $below = Get-IamOrganizationAccount -ParentId $workloads -Recurse
        $below.Count | Should -Be 2
        ($below | Where-Object Id -EQ $IamOpsSandbox.MemberAccountIds[1]).OuPath | Should -Be 'Root/Workloads/Prod'
    }

    It 'lists suspended accounts only when -Status asks for them' {
        $IamOpsSandbox.SetAccountStatus($IamOpsSandbox.MemberAccountIds[19], 'SUSPENDED')
        (Get-IamOrganizationAccount).Id | Should -Not -Contain $IamOpsSandbox.MemberAccountIds[19]
        (Get-IamOrganizationAccount -Status SUSPENDED).Id | Should -Be $IamOpsSandbox.MemberAccountIds[19]
    }

    It 'refuses a parent id that is not a root or OU id' {
        { Get-IamOrganizationAccount -ParentId 'not-an-ou' -ErrorAction Stop } | Should -Throw -ErrorId 'ParentIdInvalid,IamOps.Cmdlets.GetIamOrganizationAccountCommand'
    }
}

Describe 'Service control policies in a sandbox organization' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        Enter-IamSandbox -MemberAccount 3 | Out-Null
    }
    AfterAll { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'makes New-IamAdminBaseline fail cleanly in the account whose SCP denies iam:CreateUser, and only there' {
        $denied, $other = $IamOpsSandbox.MemberAccountIds[0], $IamOpsSandbox.MemberAccountIds[1]
        $IamOpsSandbox.AttachServiceControlPolicy($denied, '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}') | Out-Null

        $errors = $null
        Invoke-IamRoleAssume -RoleArn "arn:aws:iam::${denied}:role/OrganizationAccountAccessRole" -ScriptBlock {
            New-IamAdminBaseline -AdminUserName ops -ErrorAction SilentlyContinue -ErrorVariable +script:errors | Out-Null
        }
        $script:errors.Count | Should -BeGreaterThan 0
        ($script:errors | Select-Object -First 1).ToString() | Should -BeLike '*explicit deny in a service control policy*'
        $IamOpsSandbox.Member($denied).CallLog.Of('CreateUser')[0].Outcome | Should -Be 'AccessDenied'

        $rows = Invoke-IamRoleAssume -RoleArn "arn:aws:iam::${other}:role/OrganizationAccountAccessRole" -ScriptBlock { New-IamAdminBaseline -AdminUserName ops }
        $IamOpsSandbox.Member($other).CallLog.Of('CreateUser')[0].Outcome | Should -Be 'Success'
        $rows | Should -Not -BeNullOrEmpty
    }
}

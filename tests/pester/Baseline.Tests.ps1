#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# New-IamAdminBaseline: secure a new account, and run it again without changing anything.

Describe 'New-IamAdminBaseline on a new account' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    BeforeEach { Enter-IamSandbox | Out-Null }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'secures the account on the first run' {
        $controls = New-IamAdminBaseline -AccountAlias acme-prod -AdminUserName alice | Where-Object Control
        $controls.Status | Should -Contain 'Changed'
        $controls.Status | Should -Not -Contain 'Failed'
        ($controls | Where-Object Control -eq 'Alias').Status | Should -Be 'Changed'
    }

    It 'changes nothing on the second run' {
        New-IamAdminBaseline -AccountAlias acme-prod -AdminUserName alice | Out-Null
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
        $second = New-IamAdminBaseline -AccountAlias acme-prod -AdminUserName alice | Where-Object Control
        $second.Status | Should -Not -Contain 'Changed'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'reports what only a person can fix as ActionRequired, with the fix' {
        $root = New-IamAdminBaseline -AdminUserName alice | Where-Object { $_.Control -eq '2.5' }
        $root.Status | Should -Be 'ActionRequired'
        $root.Fix | Should -Not -BeNullOrEmpty
    }

    It 'shows the plan under -WhatIf and makes no mutating call' {
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
        $plan = New-IamAdminBaseline -AccountAlias acme-prod -AdminUserName alice -WhatIf | Where-Object Control
        $plan.Status | Should -Contain 'WouldChange'
        $plan.Status | Should -Not -Contain 'Changed'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'onboards admin users given through the pipeline' {
        'alice', 'bob' | New-IamAdminBaseline | Out-Null
        (Test-IamPolicy -UserName bob -Action iam:CreateUser -Context @{ 'aws:MultiFactorAuthPresent' = 'true' }).Decision | Should -Be 'Allowed'
    }

    It 'enforces MFA for admins: without MFA an admin is denied' {
        New-IamAdminBaseline -AdminUserName alice | Out-Null
        (Test-IamPolicy -UserName alice -Action iam:CreateUser -Context @{ 'aws:MultiFactorAuthPresent' = 'false' }).Decision | Should -Be 'ExplicitDeny'
    }

    It 'keeps a stricter password policy that is already in place' {
        New-IamAdminBaseline -PasswordPolicy @{ MinimumPasswordLength = 24 } | Out-Null
        $policy = New-IamAdminBaseline | Where-Object Control -eq '2.8'
        $policy.Status | Should -Be 'Compliant'
    }

    It 'refuses an invalid alias before any change' {
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
        { New-IamAdminBaseline -AccountAlias 'Bad_Alias' -AdminUserName alice } | Should -Throw -ErrorId 'AccountAliasInvalid,IamOps.Cmdlets.NewIamAdminBaselineCommand'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'writes the admin secrets to an owner-only CSV and nowhere else' {
        $file = Join-Path $TestDrive 'alice.csv'
        $out = New-IamAdminBaseline -AdminUserName alice -ProgrammaticAccess -CredentialFile $file
        $rows = Import-Csv $file
        $rows.'User name' | Should -Be 'alice'
        $rows[0].'Secret access key' | Should -Not -BeNullOrEmpty
        if (-not $IsWindows) { (Get-Item $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        ($out | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue).Contains($rows[0].'Secret access key') | Should -BeFalse
        ($out | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue).Contains($rows[0].Password) | Should -BeFalse
    }
}

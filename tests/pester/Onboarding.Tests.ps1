#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# New-IamAdminBaseline and Add-IamDeveloper against the sandbox.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
}

BeforeEach { Enter-IamSandbox | Out-Null }
AfterEach { Exit-IamSandbox }

Describe 'New-IamAdminBaseline' {
    It 'changes a fresh account, then finds it compliant' {
        $first = New-IamAdminBaseline -AccountAlias pester-demo -AdminUserName alice
        $first | Where-Object { $_.PSObject.TypeNames[0] -eq 'IamOps.Baseline.BaselineControl' } |
            ForEach-Object { $_.Status | Should -BeIn 'Changed', 'ActionRequired' }
        $second = New-IamAdminBaseline -AccountAlias pester-demo -AdminUserName alice
        $second | ForEach-Object { $_.Status | Should -BeIn 'Compliant', 'ActionRequired' }
    }

    It 'changes nothing under -WhatIf' {
        New-IamAdminBaseline -AdminUserName alice -WhatIf | ForEach-Object { $_.Status | Should -BeIn 'WouldChange', 'ActionRequired', 'Compliant' }
        (New-IamAdminBaseline -AdminUserName alice -WhatIf | Where-Object Status -eq 'WouldChange').Count | Should -BeGreaterThan 0
    }

    It 'refuses an invalid alias before any change' {
        { New-IamAdminBaseline -AccountAlias 'Bad_Alias' } | Should -Throw -ErrorId 'AccountAliasInvalid,IamOps.Cmdlets.NewIamAdminBaselineCommand'
    }
}

Describe 'Add-IamDeveloper' {
    It 'onboards CSV-shaped rows and reports bad ones' {
        $rows = @(
            [pscustomobject]@{ UserName = 'dev1'; GroupName = 'Developers'; Tag = 'team=web' }
            [pscustomobject]@{ UserName = 'bad name'; GroupName = 'Developers'; Tag = '' }
            [pscustomobject]@{ UserName = 'dev2'; GroupName = 'Developers'; Tag = 'team=api' }
        )
        $result = $rows | Add-IamDeveloper -CreateMissingGroup -ErrorVariable err -ErrorAction SilentlyContinue
        $result.UserName | Should -Be @('dev1', 'dev2')
        $result.Status | Should -Be @('Created', 'Created')
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UserNameInvalid,*'

        ($rows[0], $rows[2] | Add-IamDeveloper).Status | Should -Be @('Unchanged', 'Unchanged')
    }

    It 'returns secrets only as SecureString' {
        $dev = Add-IamDeveloper -UserName dev3 -ProgrammaticAccess -CreateMissingGroup
        $dev.InitialPassword | Should -BeOfType [securestring]
        $dev.SecretAccessKey | Should -BeOfType [securestring]
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Connection layer and Get-IamCallerIdentity, as a pwsh user meets them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
}

Describe 'Get-IamCallerIdentity' {
    It 'names the account and principal of the sandbox administrator' {
        Enter-IamSandbox -AccountId 111122223333 | Out-Null
        try {
            $me = Get-IamCallerIdentity
            $me.Account | Should -Be '111122223333'
            $me.Arn | Should -Match '^arn:aws:iam::111122223333:'
        }
        finally { Exit-IamSandbox }
    }

    It 'reports a bad region as one error record with a stable id' {
        { Get-IamCallerIdentity -Region moon-base-1 -AccessKey AKIAEXAMPLE -SecretKey x -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegionInvalid,IamOps.Cmdlets.GetIamCallerIdentityCommand'
    }

    It 'reports an unknown profile with the fix' {
        $err = $null
        Get-IamCallerIdentity -ProfileName no-such-profile -ProfileLocation $PSCommandPath -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $err[0].Exception.Message | Should -Match 'aws configure --profile no-such-profile'
    }

    It 'binds profiles from the pipeline by property name' {
        $rows = 'a', 'b' | ForEach-Object { [pscustomobject]@{ ProfileName = $_; ProfileLocation = $PSCommandPath } }
        $rows | Get-IamCallerIdentity -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 2
    }
}

Describe 'Help' {
    It 'has a synopsis and examples for <_>' -ForEach @((Get-Command -Module IamOps).Name) {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }
}

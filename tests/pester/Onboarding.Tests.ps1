#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Add-IamDeveloper: onboard one person, or a team from a CSV through the pipeline.

Describe 'Add-IamDeveloper' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $team = Join-Path $PSScriptRoot '../../examples/data/team.csv'
    }
    BeforeEach { Enter-IamSandbox | Out-Null }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    Context 'one developer' {
        It 'creates the user with a console password that must be changed at first sign-in' {
            $dev = Add-IamDeveloper -UserName alice -GroupName Developers -CreateMissingGroup
            $dev.Status | Should -Be 'Created'
            $dev.Arn | Should -Match ':user/alice$'
            $dev.Groups | Should -Be 'Developers'
            $dev.InitialPassword | Should -BeOfType [securestring]
        }

        It 'changes nothing when run again' {
            Add-IamDeveloper -UserName alice -GroupName Developers -CreateMissingGroup | Out-Null
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            (Add-IamDeveloper -UserName alice -GroupName Developers).Status | Should -Be 'Unchanged'
            $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        }

        It 'returns an access key secret only as a SecureString' {
            $dev = Add-IamDeveloper -UserName bob -ProgrammaticAccess -NoConsoleAccess -GroupName Developers -CreateMissingGroup
            $dev.AccessKeyId | Should -Match '^AKIA'
            $dev.SecretAccessKey | Should -BeOfType [securestring]
        }

        It 'never makes a third access key' {
            Add-IamDeveloper -UserName bob -ProgrammaticAccess -NoConsoleAccess -GroupName Developers -CreateMissingGroup | Out-Null
            (Add-IamDeveloper -UserName bob -ProgrammaticAccess -NoConsoleAccess -GroupName Developers).AccessKeyId | Should -BeNullOrEmpty
        }

        It 'says a missing group must be created, and onboards nobody into it' {
            { Add-IamDeveloper -UserName carol -GroupName NoSuchGroup -ErrorAction Stop } | Should -Throw -ErrorId 'GroupNotFound,IamOps.Cmdlets.AddIamDeveloperCommand'
        }

        It 'shows the plan under -WhatIf and makes no mutating call' {
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            $plan = Add-IamDeveloper -UserName dana -GroupName Developers -CreateMissingGroup -ProgrammaticAccess -WhatIf
            $plan.Status | Should -Be 'WouldChange'
            $plan.Changes | Should -Not -BeNullOrEmpty
            $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        }

        It 'refuses <Name> with error id <Id>' -ForEach @(
            @{ Name = 'a user name with a space'; Splat = @{ UserName = 'bad name' }; Id = 'UserNameInvalid' }
            @{ Name = 'a user name of 65 characters'; Splat = @{ UserName = ('u' * 65) }; Id = 'UserNameInvalid' }
            @{ Name = 'a malformed policy ARN'; Splat = @{ UserName = 'ok'; CreateMissingGroup = $true; GroupPolicyArn = 'not-an-arn' }; Id = 'PolicyArnInvalid' }
        ) {
            { Add-IamDeveloper @Splat -ErrorAction Stop } | Should -Throw -ErrorId "$Id,IamOps.Cmdlets.AddIamDeveloperCommand"
        }
    }

    Context 'a team from a CSV' {
        It 'onboards every row of Import-Csv, binding columns by property name' {
            $results = Import-Csv $team | Add-IamDeveloper -CreateMissingGroup
            $results.UserName | Should -Be (Import-Csv $team).UserName
            $results.Status | Should -Not -Contain 'Failed'
        }

        It 'binds ProgrammaticAccess from the CSV text True/False' {
            $results = Import-Csv $team | Add-IamDeveloper -CreateMissingGroup
            foreach ($row in Import-Csv $team) {
                $result = $results | Where-Object UserName -eq $row.UserName
                [bool]$result.AccessKeyId | Should -Be ($row.ProgrammaticAccess -eq 'True')
            }
        }

        It 'binds [pscustomobject] rows, and a bad row does not stop the others' {
            $rows = @(
                [pscustomobject]@{ UserName = 'dev1'; GroupName = 'Developers'; Tag = 'team=web' }
                [pscustomobject]@{ UserName = 'bad name'; GroupName = 'Developers' }
                [pscustomobject]@{ UserName = 'dev2'; GroupName = 'Developers'; Tag = 'team=api' }
            )
            $results = $rows | Add-IamDeveloper -CreateMissingGroup -ErrorVariable problems -ErrorAction SilentlyContinue
            ($results | Where-Object Status -eq 'Created').UserName | Should -Be 'dev1', 'dev2'
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'UserNameInvalid,*'
        }

        It 'writes every secret of the batch to one owner-only CSV' {
            $file = Join-Path $TestDrive 'team-credentials.csv'
            Import-Csv $team | Add-IamDeveloper -CreateMissingGroup -CredentialFile $file | Out-Null
            $secrets = Import-Csv $file
            # The columns of the CSV the AWS console offers when it creates a user.
            $secrets.'User name' | Should -Be (Import-Csv $team).UserName
            $secrets[0].PSObject.Properties.Name | Should -Contain 'Password'
            if (-not $IsWindows) { (Get-Item $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        }

        It 'a -ErrorAction Stop in try/catch gives the documented error id' {
            $caught = $null
            try { [pscustomobject]@{ UserName = 'bad name' } | Add-IamDeveloper -ErrorAction Stop }
            catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'UserNameInvalid,IamOps.Cmdlets.AddIamDeveloperCommand'
            $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $caught.Exception.Message | Should -Match 'bad name'
        }
    }
}

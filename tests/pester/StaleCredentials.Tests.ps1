#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Stale credentials: Disable-IamStaleCredential cleans up what the credential report shows has gone stale, by the CIS
# rules, plan first. The scenario is the issue's: 200 users, keys unused for 100 days, keys never used, one break-glass user.

Describe 'Disable-IamStaleCredential on a 200-user account' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        Enter-IamSandbox | Out-Null
        function Use-Key($Developer) { Get-IamCallerIdentity -AccessKey $Developer.AccessKeyId -SecretKey $Developer.SecretAccessKey | Out-Null }
        function Get-Name([int] $From, [int] $To) { $From..$To | ForEach-Object { 'dev{0:000}' -f $_ } }

        # Day 0: 150 developers with keys (the first 10 with a console password), and the break-glass user, tagged.
        $console = Get-Name 1 10 | Add-IamDeveloper -CreateMissingGroup -ProgrammaticAccess
        $keysOnly = Get-Name 11 150 | Add-IamDeveloper -ProgrammaticAccess -NoConsoleAccess
        $breakGlass = Add-IamDeveloper -UserName breakglass -ProgrammaticAccess -Tag @{ 'iamops:break-glass' = 'true' }
        $day0 = @($console) + @($keysOnly)
        $day0 | Where-Object UserName -in (Get-Name 1 60) | ForEach-Object { Use-Key $_ }

        # 100 days on: 49 developers join and use their new keys; dev141-dev150 still use their 100-day-old keys.
        $IamOpsSandbox.AdvanceClock([timespan]::FromDays(100))
        $late = Get-Name 151 199 | Add-IamDeveloper -ProgrammaticAccess -NoConsoleAccess
        $late | ForEach-Object { Use-Key $_ }
        $day0 | Where-Object UserName -in (Get-Name 141 150) | ForEach-Object { Use-Key $_ }

        $key = @{}
        foreach ($dev in @($day0) + @($late) + $breakGlass) { $key[$dev.UserName] = $dev.AccessKeyId }
        $expected = @(
            Get-Name 1 140 | ForEach-Object { "$_ Deactivate $($key[$_])" }
            Get-Name 1 10 | ForEach-Object { "$_ Delete password" }
            Get-Name 141 150 | ForEach-Object { "$_ StartRotation $($key[$_])" }
        ) | Sort-Object
        # The sandbox's own administrator signs every call with a 100-day-old key: it is left alone by name.
        $exclude = 'Administrator', 'iamops:break-glass=true'
        function Show-Change($Results) { @($Results | ForEach-Object { "$($_.UserName) $($_.Action) $($_.Credential)" } | Sort-Object) }
    }
    AfterAll { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'has 200 users of its own, besides the sandbox administrator' {
        (Get-IamCredentialReport | Where-Object { -not $_.IsRoot -and $_.UserName -ne 'Administrator' }) | Should -HaveCount 200
    }

    It '-WhatIf lists exactly the expected changes and makes no mutating call' {
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count

        $plan = Disable-IamStaleCredential -Exclude $exclude -WhatIf

        Show-Change $plan | Should -Be $expected
        $plan.Status | Sort-Object -Unique | Should -Be 'WouldChange'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        ($plan | Where-Object UserName -eq dev061).Reason | Should -BeLike 'never used, created 100 days ago*'
        ($plan | Where-Object UserName -eq dev001 | Where-Object CredentialType -eq AccessKey).UnusedDays | Should -Be 100
    }

    It 'applies them, giving each rotated user a new key as a SecureString only, and the break-glass user is untouched' {
        $file = Join-Path $TestDrive 'new-keys.csv'

        $applied = Disable-IamStaleCredential -Exclude $exclude -CredentialFile $file -Confirm:$false -WarningAction SilentlyContinue -InformationVariable info -Verbose 4>&1 |
            Tee-Object -Variable everything | Where-Object { $_ -is [IamOps.Audit.StaleCredentials.StaleCredentialResult] }

        Show-Change $applied | Should -Be $expected
        $applied.Status | Sort-Object -Unique | Should -Be 'Changed'
        $rotated = $applied | Where-Object Action -eq StartRotation
        $rotated.NewSecretAccessKey | ForEach-Object { $_ | Should -BeOfType ([securestring]) }
        $secrets = $rotated | ForEach-Object { [Net.NetworkCredential]::new('', $_.NewSecretAccessKey).Password }
        $text = ($everything | Out-String) + ($info | Out-String)
        $secrets | ForEach-Object { $text | Should -Not -BeLike "*$_*" }
        (Import-Csv $file).'Access key ID' | Sort-Object | Should -Be ($rotated.NewAccessKeyId | Sort-Object)

        $IamOpsSandbox.AdvanceClock([timespan]::FromHours(5))
        $report = Get-IamCredentialReport
        $glass = $report | Where-Object UserName -eq breakglass
        $glass.AccessKey1.Active | Should -BeTrue
        $glass.PasswordEnabled | Should -BeTrue
        ($report | Where-Object UserName -eq dev001).PasswordEnabled | Should -BeFalse
        ($report | Where-Object UserName -eq dev001).ActiveAccessKeyCount | Should -Be 0
        ($report | Where-Object UserName -eq dev145).ActiveAccessKeyCount | Should -Be 2
    }

    It 'plans nothing on a re-run, and makes no mutating call' {
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count

        Disable-IamStaleCredential -Exclude $exclude -Confirm:$false | Should -BeNullOrEmpty
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'deactivates the rotated keys once the grace period is over, and nothing else' {
        $IamOpsSandbox.AdvanceClock([timespan]::FromDays(7))

        $finished = Disable-IamStaleCredential -Exclude $exclude -Confirm:$false

        Show-Change $finished | Should -Be (Get-Name 141 150 | ForEach-Object { "$_ FinishRotation $($key[$_])" })
        Disable-IamStaleCredential -Exclude $exclude -Confirm:$false | Should -BeNullOrEmpty
    }

    It 'never touched the break-glass user: no change named it and its credentials still work' {
        $IamOpsSandbox.CallLog.Calls | Where-Object { $_.IsMutating -and $_.Operation -in 'UpdateAccessKey', 'DeleteLoginProfile', 'DeleteAccessKey' } | Should -Not -BeNullOrEmpty
        (Disable-IamStaleCredential -UserName breakglass -Exclude $exclude -WhatIf -Verbose 4>&1 | Out-String) | Should -BeLike '*breakglass: left alone (-Exclude iamops:break-glass=true*'
        Get-IamCallerIdentity -AccessKey $breakGlass.AccessKeyId -SecretKey $breakGlass.SecretAccessKey | Should -Not -BeNullOrEmpty
    }
}

Describe 'Disable-IamStaleCredential scope and bad input' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    BeforeEach {
        Enter-IamSandbox | Out-Null
        'ana', 'ben', 'chen' | Add-IamDeveloper -CreateMissingGroup -ProgrammaticAccess -NoConsoleAccess | Out-Null
        $IamOpsSandbox.AdvanceClock([timespan]::FromDays(60))
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'takes user names from the pipeline by property name: credential report rows, IamOps results, AWS.Tools-shaped users' -ForEach @(
        @{ Source = { Get-IamCredentialReport | Where-Object UserName -in 'ana', 'ben' } }
        @{ Source = { [pscustomobject]@{ UserName = 'ana'; Arn = 'arn:aws:iam::000000000000:user/ana'; UserId = 'AIDA' }, [pscustomobject]@{ UserName = 'ben' } } }
    ) {
        $plan = & $Source | Disable-IamStaleCredential -WhatIf

        $plan.UserName | Sort-Object | Should -Be 'ana', 'ben'
    }

    It 'checks nobody when the pipeline brings no user, never everybody' {
        $plan = Get-IamCredentialReport | Where-Object UserName -eq 'nobody' | Disable-IamStaleCredential -WhatIf -Verbose 4>&1

        $plan | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] } | Should -BeNullOrEmpty
    }

    It 'gives a clear non-terminating error for an unknown user, writes nothing for it, and goes on with the others' {
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count

        $result = Disable-IamStaleCredential -UserName ghost, ana -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'UserNotFound,IamOps.Cmdlets.DisableIamStaleCredentialCommand'
        $failed[0].Exception.Message | Should -BeLike "*no IAM user 'ghost'*"
        $result.UserName | Should -Be 'ana'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be ($before + 1)
    }

    It 'refuses <Case> before any call' -ForEach @(
        @{ Case = '-Days 0'; Arguments = @{ Days = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Days -45'; Arguments = @{ Days = -45 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-MaxKeyAge 0'; Arguments = @{ MaxKeyAge = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-GracePeriod 90 (the -MaxKeyAge)'; Arguments = @{ GracePeriod = 90 }; ErrorId = 'GracePeriodInvalid' }
        @{ Case = "-Exclude '=true'"; Arguments = @{ Exclude = '=true' }; ErrorId = 'ExcludeInvalid' }
    ) {
        $before = $IamOpsSandbox.CallLog.Calls.Count

        { Disable-IamStaleCredential @Arguments -Confirm:$false } | Should -Throw -ErrorId "$ErrorId,IamOps.Cmdlets.DisableIamStaleCredentialCommand"
        $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
    }

    It 'shows its changes in a table within 80 columns' {
        $lines = Disable-IamStaleCredential -Exclude Administrator -WhatIf | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_ }

        $lines[0] | Should -Match '^UserName\s+Credential\s+Action\s+Unused\s+Age\s+Status'
        ($lines | Where-Object { $_ -match '^ana ' }) | Should -Match 'Deactivate\s+60\s+60\s+WouldChange'
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Audit and clean-up: what has gone stale in an account, read from the credential report.

Describe 'Get-IamCredentialReport' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    BeforeEach { Enter-IamSandbox | Out-Null }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'returns one typed row per user, the root user first, with UTC times and no N/A strings' {
        Add-IamDeveloper -UserName alice -CreateMissingGroup -ErrorAction Stop -NoConsoleAccess | Out-Null

        $report = Get-IamCredentialReport

        $report.UserName | Should -Be '<root_account>', 'Administrator', 'alice'
        $report[0].IsRoot | Should -BeTrue
        $report[0].PasswordEnabled | Should -BeNullOrEmpty
        $alice = $report | Where-Object UserName -eq alice
        $alice | Should -BeOfType ([IamOps.Audit.CredentialReportEntry])
        $alice.UserCreationTime | Should -BeOfType ([datetime])
        $alice.UserCreationTime.Kind | Should -Be 'Utc'
        $alice.PasswordEnabled | Should -BeFalse
        $alice.PasswordLastUsed | Should -BeNullOrEmpty
        $alice.AccessKey1.Exists | Should -BeFalse
    }

    It 'shows a key used in the sandbox, and its age in days once the account has aged' {
        $dev = Add-IamDeveloper -UserName bob -CreateMissingGroup -ErrorAction Stop -NoConsoleAccess -ProgrammaticAccess
        Get-IamCallerIdentity -AccessKey $dev.AccessKeyId -SecretKey $dev.SecretAccessKey | Out-Null
        $IamOpsSandbox.AdvanceClock([timespan]::FromDays(100))

        $bob = Get-IamCredentialReport | Where-Object UserName -eq bob

        $bob.AccessKey1.Active | Should -BeTrue
        $bob.AccessKey1.LastUsedService | Should -Be 'sts'
        $bob.AccessKey1.LastUsedDays | Should -Be 100
        $bob.AccessKey1.AgeDays | Should -Be 100
        $bob.AccessKeys | Should -HaveCount 1
    }

    It 'reuses a report within -MaxAge, makes a new one when it is older, and asks IAM again with -Refresh' {
        Get-IamCredentialReport | Out-Null
        Add-IamDeveloper -UserName carol -CreateMissingGroup -ErrorAction Stop -NoConsoleAccess | Out-Null
        $IamOpsSandbox.AdvanceClock([timespan]::FromHours(2))
        $before = $IamOpsSandbox.CallLog.Calls.Count

        (Get-IamCredentialReport).UserName | Should -Not -Contain carol
        ($IamOpsSandbox.CallLog.Calls | Select-Object -Skip $before).Operation | Should -Be 'GetCredentialReport'
        Get-IamCredentialReport -Refresh | Out-Null
        ($IamOpsSandbox.CallLog.Calls | Select-Object -Skip $before).Operation | Should -Contain 'GenerateCredentialReport'
        (Get-IamCredentialReport -MaxAge ([timespan]::FromHours(1)) -WarningVariable warned -WarningAction SilentlyContinue).UserName | Should -Not -Contain carol
        $warned | Should -BeLike '*at most one every 4 hours*'
        $IamOpsSandbox.AdvanceClock([timespan]::FromHours(3))
        (Get-IamCredentialReport).UserName | Should -Contain carol
    }

    It 'refuses a -MaxAge of zero and calls nothing' -ForEach @(
        @{ MaxAge = [timespan]::Zero }, @{ MaxAge = [timespan]::FromHours(-1) }
    ) {
        $before = $IamOpsSandbox.CallLog.Calls.Count
        { Get-IamCredentialReport -MaxAge $MaxAge } | Should -Throw -ErrorId 'MaxAgeInvalid,IamOps.Cmdlets.GetIamCredentialReportCommand'
        $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
    }

    It 'shows the risky columns first in the default table, within 80 columns' {
        Add-IamDeveloper -UserName dave -CreateMissingGroup -ErrorAction Stop -ProgrammaticAccess | Out-Null
        $lines = Get-IamCredentialReport | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_ }
        $lines[0] | Should -Match '^MFA\s+Password\s+AccessKey1\s+AccessKey2\s+UserName'
        ($lines | Where-Object { $_ -match 'dave$' }) | Should -Match 'never used\s+on 0d old, unused'
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }
}

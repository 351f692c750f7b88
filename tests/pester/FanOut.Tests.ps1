#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Invoke-IamInAccount across a sandbox organization of 20 member accounts: secure them all, re-run without a change,
# and one failing account reported while the others finish.

Describe 'Invoke-IamInAccount in an organization of 20 accounts' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        Enter-IamSandbox -MemberAccount 20 | Out-Null
        $management = $IamOpsSandbox.AccountId
        # Get-IamOrganizationAccount lists the management account too; the baseline is for the members.
        $members = @(Get-IamOrganizationAccount | Where-Object Id -ne $management)
        $ids = @($members.Id)
        function Get-MutatingCallCount([string[]] $AccountId) {
            $total = 0
            foreach ($id in $AccountId) { $total += $IamOpsSandbox.Member($id).CallLog.MutatingCalls.Count }
            $total
        }
        $secure = { New-IamAdminBaseline -AccountAlias "acme-$($_.Id)" -AdminUserName ops }
        $first = @($members | Invoke-IamInAccount $secure -ThrottleLimit 8 -Summary)
        $firstSummary = $first | Where-Object { $_ -is [IamOps.AccountFanOut.FanOutSummary] }
    }
    AfterAll { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'secures all 20 member accounts, each as its own OrganizationAccountAccessRole' {
        $ids.Count | Should -Be 20
        @($first | Where-Object { $_.AccountName -like 'member-*' -or $_ -is [IamOps.AccountFanOut.FanOutSummary] }).Count | Should -Be (@($first).Count)
        $firstSummary.Succeeded | Should -Be 20
        $firstSummary.Failed | Should -Be 0
        foreach ($id in $ids) {
            $rows = @($first | Where-Object AccountId -eq $id)
            $rows.Count | Should -BeGreaterThan 0
            $rows.Status | Should -Not -Contain 'Failed'
            $created = @($IamOpsSandbox.Member($id).CallLog.Of('CreateUser'))
            $created.Count | Should -Be 1
            $created[0].Caller | Should -BeLike "arn:aws:sts::${id}:assumed-role/OrganizationAccountAccessRole/*"
        }
    }

    It 'makes no mutating call in any account when run again' {
        $before = Get-MutatingCallCount $ids
        $second = @($members | Invoke-IamInAccount $secure -ThrottleLimit 8)
        (Get-MutatingCallCount $ids) - $before | Should -Be 0
        @($second | Where-Object { "$($_.Status)" -eq 'Changed' }).Count | Should -Be 0
        @($second.AccountId | Select-Object -Unique).Count | Should -Be 20
    }

    It 'reports an account whose SCP denies iam:CreateUser and finishes the others' {
        $blocked = $ids[7]
        $null = $IamOpsSandbox.AttachServiceControlPolicy($blocked, '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}', 'no-new-users')
        $out = @($members | Invoke-IamInAccount { New-IamAdminBaseline -AdminUserName "ops2-$($_.Id)" } -ThrottleLimit 8 -Summary -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $summary = $out | Where-Object { $_ -is [IamOps.AccountFanOut.FanOutSummary] }

        $summary.FailedAccountId | Should -Be @($blocked)
        $summary.Succeeded | Should -Be 19
        $summary.Failures[0].Message | Should -Match 'service control policy'
        $failures.Count | Should -BeGreaterThan 0
        foreach ($id in $ids | Where-Object { $_ -ne $blocked }) {
            @($IamOpsSandbox.Member($id).CallLog.Of('CreateUser') | Where-Object Succeeded).Count | Should -Be 2
        }
    }

    It 'shows each account''s IamOps objects under a heading naming the account, within 80 columns' {
        $text = $members[0..1] | Invoke-IamInAccount -Ordered { Get-IamCallerIdentity } | Out-String -Width 80
        $alone = Get-IamCallerIdentity | Out-String -Width 80

        $first = $text.IndexOf("Account: $($members[0].Id) ($($members[0].Name))")
        $second = $text.IndexOf("Account: $($members[1].Id) ($($members[1].Name))")
        $first | Should -BeGreaterOrEqual 0
        $second | Should -BeGreaterThan $first
        $text | Should -Match "$($members[1].Id) AssumedRole"
        @($text -split "`r?`n" | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        $alone | Should -Not -Match 'Account: '
    }

    It 'reports an account whose role cannot be assumed and runs the others' {
        $out = @(Invoke-IamInAccount -AccountId $ids[0], '999999999999', $ids[1] { $_.Id } -Summary -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $summary = $out | Where-Object { $_ -is [IamOps.AccountFanOut.FanOutSummary] }

        $summary.FailedAccountId | Should -Be @('999999999999')
        $failures[0].TargetObject | Should -Be '999999999999'
        ($out | Where-Object { $_ -is [string] }) | Sort-Object | Should -Be (@($ids[0], $ids[1]) | Sort-Object)
    }
}

Describe 'Invoke-IamInAccount for an admin who must use MFA' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        Enter-IamSandbox -MemberAccount 4 | Out-Null
        $ids = @($IamOpsSandbox.MemberAccountIds)
        # alice's admin group denies everything without MFA (IamOps-RequireMFA), sts:AssumeRole included.
        $rows = New-IamAdminBaseline -AdminUserName alice -ProgrammaticAccess -EnableVirtualMfa
        $alice = ($rows | Where-Object Credential).Credential
        $serial = $alice.MfaSerialNumber
        $enable = (Get-IamMfaCode $serial -At (Get-Date).AddSeconds(-30)).TokenCode, (Get-IamMfaCode $serial).TokenCode
        New-IamAdminBaseline -AdminUserName alice -EnableVirtualMfa -MfaCode $enable | Out-Null
        $key = @{ AccessKey = $alice.AccessKeyId; SecretKey = $alice.SecretAccessKey }
    }
    AfterAll { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'is refused in every account without MFA, with an error naming each account' {
        $out = @($ids | Invoke-IamInAccount @key { 'ran' } -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)

        $out | Should -BeNullOrEmpty
        $failures.Count | Should -Be 4
        foreach ($id in $ids) { @($failures | Where-Object TargetObject -eq $id).Count | Should -Be 1 }
        $failures[0].ToString() | Should -BeLike '*could not assume OrganizationAccountAccessRole*MFA*'
    }

    It 'signs in with MFA once, assumes the role everywhere through that session, and reuses it on the next run' {
        $before = $IamOpsSandbox.CallLog.Calls.Count
        $code = (Get-IamMfaCode $serial -At (Get-Date).AddSeconds(30)).TokenCode
        $first = @($ids | Invoke-IamInAccount @key -SerialNumber $serial -TokenCode $code { (Get-IamCallerIdentity).Arn })
        # No code the second time: the MFA session is in the session cache.
        $second = @($ids | Invoke-IamInAccount @key -SerialNumber $serial -ThrottleLimit 2 { (Get-IamCallerIdentity).Account })

        $first.Count | Should -Be 4
        foreach ($arn in $first) { $arn | Should -BeLike "arn:aws:sts::$($arn.AccountId):assumed-role/OrganizationAccountAccessRole/*" }
        ($second | Sort-Object) | Should -Be ($ids | Sort-Object)
        $calls = @($IamOpsSandbox.CallLog.Calls | Select-Object -Skip $before)
        @($calls | Where-Object Operation -eq 'GetSessionToken').Count | Should -Be 1
        $assumed = @($calls | Where-Object Operation -eq 'AssumeRole')
        @($assumed | Where-Object Succeeded).Count | Should -Be 4
        @($assumed.AccessKeyId | Select-Object -Unique).Count | Should -Be 1
        $assumed[0].AccessKeyId | Should -BeLike 'ASIA*'
        $assumed[0].Caller | Should -BeLike '*:user/alice'
    }
}

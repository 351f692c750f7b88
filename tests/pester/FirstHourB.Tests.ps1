#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Issue 21, items 5, 8, 9 and 10: what a user's first hour needs to go right. MFA end to end, output that survives
# the usual pipes, help that reads right, and a sandbox that is documented and complete. Written as a user would.

Describe 'MFA end to end' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force

        # The admin's device is enabled with the codes of the previous and current 30-second windows.
        function Enable-AdminMfa([string] $Serial) {
            $codes = (Get-IamMfaCode $Serial -At (Get-Date).AddSeconds(-30)).TokenCode, (Get-IamMfaCode $Serial).TokenCode
            New-IamAdminBaseline -AdminUserName alice -EnableVirtualMfa -MfaCode $codes | Out-Null
        }
    }

    BeforeEach {
        Enter-IamSandbox | Out-Null
        $rows = New-IamAdminBaseline -AccountAlias first-hour -AdminUserName alice -ProgrammaticAccess -EnableVirtualMfa
        $alice = ($rows | Where-Object Credential).Credential
        $key = @{ AccessKey = $alice.AccessKeyId; SecretKey = $alice.SecretAccessKey }
        Enable-AdminMfa $alice.MfaSerialNumber
    }

    AfterEach {
        Exit-IamSandbox
        Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN, Env:AWS_CREDENTIAL_EXPIRATION -ErrorAction SilentlyContinue
    }

    Context 'an admin whose group has IamOps-RequireMFA' {
        It 'is denied with an error that asks for an MFA session and names Get-IamSessionToken' {
            { Add-IamDeveloper -UserName bob @key -ErrorAction Stop } |
                Should -Throw -ErrorId 'MfaSessionRequired,IamOps.Cmdlets.AddIamDeveloperCommand' -ExpectedMessage '*MFA session*Get-IamSessionToken*'
        }

        It 'gets an MFA session and then works' {
            $code = Get-IamMfaCode -SerialNumber $alice.MfaSerialNumber -At (Get-Date).AddSeconds(30)
            $session = $code | Get-IamSessionToken @key

            $session.MultiFactorAuthPresent | Should -BeTrue
            $session.UserArn | Should -BeLike '*:user/alice'
            $result = Add-IamDeveloper -UserName bob -AccessKey $session.AccessKeyId -SecretKey $session.SecretAccessKey -SessionToken $session.SessionToken -CreateMissingGroup
            $result.Status | Should -Be 'Created'
        }

        It 'works inside -ScriptBlock and after -SetEnvironment with the cached session' {
            $code = (Get-IamMfaCode $alice.MfaSerialNumber -At (Get-Date).AddSeconds(30)).TokenCode
            $inside = Get-IamSessionToken -SerialNumber $alice.MfaSerialNumber -TokenCode $code @key -ScriptBlock { Add-IamDeveloper -UserName carol -CreateMissingGroup }
            $inside.Status | Should -Be 'Created'

            $cached = Get-IamSessionToken -SerialNumber $alice.MfaSerialNumber @key -SetEnvironment
            $cached.FromCache | Should -BeTrue
            $env:AWS_SESSION_TOKEN | Should -Be ([IamOps.Secrets.SecretText]::ToPlainText($cached.SessionToken))
            (Add-IamDeveloper -UserName dave -CreateMissingGroup).Status | Should -Be 'Created'
        }

        It 'gets codes for the sandbox''s own time after its clock moved on, from the serial number or the seed' {
            $IamOpsSandbox.AdvanceClock([timespan]::FromDays(10))
            $before = $IamOpsSandbox.UtcNow
            $bySerial = Get-IamMfaCode $alice.MfaSerialNumber
            $bySeed = $alice | Get-IamMfaCode
            $after = $IamOpsSandbox.UtcNow

            # Each code's 30-second window holds the sandbox moment it was made, whichever window that was.
            foreach ($code in $bySerial, $bySeed) {
                $code.ValidUntil | Should -BeGreaterThan $before
                $code.ValidFrom | Should -BeLessOrEqual $after
            }
            (Get-IamMfaCode $alice.MfaSerialNumber -At $bySeed.ValidFrom).TokenCode | Should -Be $bySeed.TokenCode
            ($bySerial | Get-IamSessionToken @key -NoCache).MultiFactorAuthPresent | Should -BeTrue
        }

        It 'is told a code it already used in this window was already used' {
            $code = (Get-IamMfaCode $alice.MfaSerialNumber -At (Get-Date).AddSeconds(30)).TokenCode
            Get-IamSessionToken -SerialNumber $alice.MfaSerialNumber -TokenCode $code @key | Out-Null

            { Get-IamSessionToken -SerialNumber $alice.MfaSerialNumber -TokenCode $code @key -NoCache -ErrorAction Stop } |
                Should -Throw -ErrorId 'MfaCodeAlreadyUsed,IamOps.Cmdlets.GetIamSessionTokenCommand' -ExpectedMessage '*already used in this 30-second window*'
        }
    }

    Context 'Get-IamMfaCode, from what the user holds' {
        It 'computes the same code from the <Name>' -ForEach @(
            @{ Name = 'seed (SecureString)'; Argument = { @{ Seed = $alice.MfaSeed } } }
            @{ Name = 'otpauth URI'; Argument = { @{ OtpAuthUri = $alice.MfaOtpAuthUri } } }
            @{ Name = 'seed as plain text'; Argument = { @{ Seed = [IamOps.Secrets.SecretText]::ToPlainText($alice.MfaSeed) } } }
        ) {
            $at = Get-Date
            $fromSeed = & { $a = & $Argument; Get-IamMfaCode @a -At $at }
            $fromSandbox = Get-IamMfaCode -SerialNumber $alice.MfaSerialNumber -At $at

            $fromSeed.TokenCode | Should -Match '^\d{6}$'
            $fromSeed.TokenCode | Should -Be $fromSandbox.TokenCode
        }

        It 'reads a seed file' {
            Set-Content -Path TestDrive:/alice-seed.txt -Value "# alice's device", ([IamOps.Secrets.SecretText]::ToPlainText($alice.MfaSeed))
            $at = Get-Date

            (Get-IamMfaCode -SeedFile TestDrive:/alice-seed.txt -At $at).TokenCode | Should -Be (Get-IamMfaCode $alice.MfaSerialNumber -At $at).TokenCode
        }

        It 'refuses a seed that is not one' {
            { Get-IamMfaCode -Seed 'not a seed!' -ErrorAction Stop } | Should -Throw -ErrorId 'MfaSeedInvalid,IamOps.Cmdlets.GetIamMfaCodeCommand'
        }

        It 'needs the seed outside the sandbox' {
            Exit-IamSandbox
            try {
                { Get-IamMfaCode -SerialNumber arn:aws:iam::123456789012:mfa/alice -ErrorAction Stop } | Should -Throw -ErrorId 'MfaSeedRequired,IamOps.Cmdlets.GetIamMfaCodeCommand'
            }
            finally {
                Enter-IamSandbox | Out-Null
            }
        }
    }

    Context 'Add-IamDeveloper -EnableVirtualMfa' {
        It 'gives the developer a device, its seed once and an owner-only QR code, and enables it with two codes' {
            New-Item -ItemType Directory TestDrive:/qr | Out-Null
            $dev = Add-IamDeveloper -UserName erin -CreateMissingGroup -EnableVirtualMfa -MfaQrCodePath TestDrive:/qr

            $dev.MfaSerialNumber | Should -BeLike '*:mfa/erin'
            $dev.MfaSeed | Should -BeOfType [securestring]
            $dev.MfaEnabled | Should -BeFalse
            $qr = Get-Item TestDrive:/qr/erin-mfa.png
            $qr.Length | Should -BeGreaterThan 0
            if (-not $IsWindows) { [int]$qr.UnixFileMode | Should -Be ([int][IO.UnixFileMode]'UserRead, UserWrite') }

            $codes = (Get-IamMfaCode -Seed $dev.MfaSeed -At (Get-Date).AddSeconds(-30)).TokenCode, (Get-IamMfaCode -Seed $dev.MfaSeed).TokenCode
            $enabled = Add-IamDeveloper -UserName erin -EnableVirtualMfa -MfaCode $codes
            $enabled.MfaEnabled | Should -BeTrue
            $enabled.MfaSeed | Should -BeNullOrEmpty
            (Add-IamDeveloper -UserName erin -EnableVirtualMfa).Status | Should -Be 'Unchanged'
        }
    }
}

Describe 'Output that survives the usual pipes' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }

    BeforeEach { Enter-IamSandbox | Out-Null }
    AfterEach { Exit-IamSandbox }

    Context 'Import-Csv team.csv | Add-IamDeveloper | Export-Csv out.csv' {
        It 'writes readable cells for <Column>' -ForEach @(
            @{ Column = 'Groups'; Pattern = '^Developers; Ops$' }
            @{ Column = 'Changes'; Pattern = 'Created user \S+; Added user \S+ to group Developers; ' }
            @{ Column = 'Status'; Pattern = '^Created$' }
        ) {
            @'
UserName,GroupName,Tag
ann,Developers;Ops,team=web
ben,Developers;Ops,team=api
'@ | Set-Content TestDrive:/team.csv

            Import-Csv TestDrive:/team.csv | Add-IamDeveloper -CreateMissingGroup | Export-Csv TestDrive:/out.csv
            $cells = Import-Csv TestDrive:/out.csv

            $cells.Count | Should -Be 2
            $cells | ForEach-Object { $_.$Column | Should -Match $Pattern }
            Get-Content TestDrive:/out.csv -Raw | Should -Not -Match 'System\.Collections|List`1'
        }

        It 'keeps lists as arrays in ConvertTo-Json' {
            $json = Add-IamDeveloper -UserName fay -GroupName Developers, Ops -CreateMissingGroup | ConvertTo-Json | ConvertFrom-Json
            $json.Groups | Should -Be @('Developers', 'Ops')
        }
    }

    Context 'New-IamAdminBaseline' {
        It 'emits one object type, with the admin''s credentials on the admin''s row' {
            $rows = New-IamAdminBaseline -AdminUserName alice -ProgrammaticAccess

            @($rows | ForEach-Object { $_.GetType().FullName } | Select-Object -Unique) | Should -Be 'IamOps.Baseline.BaselineControl'
            $adminRow = $rows | Where-Object Credential
            $adminRow.Control | Should -Be 'AdminUser'
            $adminRow.Credential.SecretAccessKey | Should -BeOfType [securestring]
        }

        It 'exports to CSV without secrets, and formats as one table' {
            $rows = New-IamAdminBaseline -AdminUserName alice -ProgrammaticAccess
            $rows | Export-Csv TestDrive:/baseline.csv
            $secret = [IamOps.Secrets.SecretText]::ToPlainText(($rows | Where-Object Credential).Credential.SecretAccessKey)

            $csv = Get-Content TestDrive:/baseline.csv -Raw
            $csv | Should -Match 'alice: initial password, access key AKIA'
            $csv | Should -Not -Match ([regex]::Escape($secret))
            ($rows | Format-Table | Out-String -Width 80) | Should -Not -Match 'AdminCredential'
        }

        It 'says in the past tense what it did, without doubled nouns' {
            $rows = New-IamAdminBaseline -AdminUserName alice
            $group = $rows | Where-Object Control -eq '2.13'

            $group.Detail | Should -Be 'Created group Administrators; attached AdministratorAccess to group Administrators.'
            ($rows.Changes -join "`n") | Should -Not -Match 'group group|user user|policy policy|^Create '
        }
    }

    Context 'tables at 80 columns' {
        It 'puts Status first, uncut, for <Name>' -ForEach @(
            @{ Name = 'baseline controls'; Make = { New-IamAdminBaseline -AdminUserName alice } }
            @{ Name = 'developers'; Make = { Add-IamDeveloper -UserName a-rather-long-user-name -CreateMissingGroup -ProgrammaticAccess } }
            @{ Name = 'role grants'; Make = { Grant-IamRoleAssume -RoleName deployer -AccountId 210987654321 -RequireMfa -ExternalId acme-42 } }
        ) {
            $lines = (& $Make | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() }

            $lines[0] | Should -Match '^Status\s'
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
            $lines | Select-Object -Skip 2 | Where-Object { $_ -match '^\S' } |
                ForEach-Object { $_ | Should -Match '^(Compliant|Changed|WouldChange|ActionRequired|Failed|Created|Updated|Unchanged)\s' }
        }

        It 'shows the message of a policy finding' {
            $policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}'
            $text = Test-IamPolicy -PolicyDocument $policy | Format-Table | Out-String -Width 80

            $text | Should -Match 'PASS_ROLE_WITH_STAR_IN_RESOURCE: iam:PassRole on Resource'
        }

        It 'shows the developer''s access key id whole' {
            $dev = Add-IamDeveloper -UserName gus -CreateMissingGroup -ProgrammaticAccess
            ($dev | Format-Table | Out-String -Width 80) | Should -Match ([regex]::Escape($dev.AccessKeyId))
        }
    }

    Context 'Grant-IamRoleAssume' {
        It 'reports RequireMfa from the trust policy, not from the last call' {
            Add-IamDeveloper -UserName hal -CreateMissingGroup | Out-Null
            (Grant-IamRoleAssume -RoleName ops -UserName hal -RequireMfa).RequireMfa | Should -BeTrue
            (Grant-IamRoleAssume -RoleName ops -UserName hal).RequireMfa | Should -BeTrue
        }
    }
}

Describe 'Help that reads right' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }

    It 'shows <Parameter> of <Command> as <Type>' -ForEach @(
        @{ Command = 'Invoke-IamRoleAssume'; Parameter = 'DurationSeconds'; Type = 'int' }
        @{ Command = 'Invoke-IamRoleAssume'; Parameter = 'PolicyArn'; Type = 'string[]' }
        @{ Command = 'Get-IamSessionToken'; Parameter = 'DurationSeconds'; Type = 'int' }
        @{ Command = 'Get-IamMfaCode'; Parameter = 'Seed'; Type = 'securestring' }
        @{ Command = 'Add-IamDeveloper'; Parameter = 'ThrottleLimit'; Type = 'int' }
    ) {
        (Get-Help $Command -Parameter $Parameter).type.name | Should -Be $Type
    }

    It 'gives <Parameter> of <Command> its real default <Default>' -ForEach @(
        @{ Command = 'New-IamAdminBaseline'; Parameter = 'AdminGroupName'; Default = 'Administrators' }
        @{ Command = 'New-IamAdminBaseline'; Parameter = 'RequireMfa'; Default = 'True' }
        @{ Command = 'Add-IamDeveloper'; Parameter = 'ThrottleLimit'; Default = '4' }
        @{ Command = 'Add-IamDeveloper'; Parameter = 'GroupName'; Default = 'Developers' }
        @{ Command = 'Enter-IamSandbox'; Parameter = 'BucketRegion'; Default = 'us-east-1' }
    ) {
        (Get-Help $Command -Parameter $Parameter).defaultValue | Should -Be $Default
    }

    It 'never shows Nullable`1' {
        Get-Command -Module IamOps -CommandType Cmdlet | ForEach-Object {
            (Get-Help $_.Name -Full | Out-String -Width 200) | Should -Not -Match 'Nullable'
        }
    }

    It 'cites one CIS version' {
        $text = (Get-Help New-IamAdminBaseline -Full | Out-String -Width 200) + (Get-Module IamOps).PrivateData.PSData.ReleaseNotes
        [regex]::Matches($text, 'CIS[^.]*?v(\d+\.\d+)') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique | Should -Be '7.0'
    }

    It 'has release notes that describe this version' {
        $module = Get-Module IamOps
        $notes = $module.PrivateData.PSData.ReleaseNotes
        $notes | Should -Match ([regex]::Escape($module.Version.ToString()))
        foreach ($command in $module.ExportedCmdlets.Keys | Where-Object { $_ -notin 'Exit-IamSandbox', 'Get-IamCallerIdentity', 'Revoke-IamBucketAccess' }) {
            $notes | Should -Match ([regex]::Escape($command))
        }
    }

    It 'has help with examples for the new cmdlet <_>' -ForEach 'Get-IamSessionToken', 'Get-IamMfaCode' {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        (Get-Module IamOps).ExportedCmdlets.Keys | Should -Contain $_
    }
}

Describe 'The sandbox, documented and complete' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }

    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'warns which sandbox is current when one is entered while another is active' {
        $first = Enter-IamSandbox
        $second = Enter-IamSandbox -Path TestDrive:/second.json -WarningVariable warned 3>$null

        $warned.Count | Should -Be 1
        "$warned" | Should -Match $first.Account
        "$warned" | Should -Match "now work on sandbox account $($second.Account)"
        (Get-IamCallerIdentity).Account | Should -Be $second.Account
    }

    It 'creates buckets for grant scenarios that persist with -Path' {
        Enter-IamSandbox -Path TestDrive:/buckets.json -BucketName acme-reports, acme-logs | Out-Null
        Exit-IamSandbox

        Enter-IamSandbox -Path TestDrive:/buckets.json | Out-Null
        Add-IamDeveloper -UserName ivy -CreateMissingGroup | Out-Null
        (Grant-IamBucketAccess -UserName ivy -BucketName acme-reports -Access Read).Status | Should -Be 'Created'
        (Grant-IamBucketAccess -UserName ivy -BucketName acme-logs -Access Read).Status | Should -Be 'Created'
    }

    It 'creates instances for Grant-IamRoleAssume -InstanceId' {
        Enter-IamSandbox -InstanceId i-0123456789abcdef0 | Out-Null
        (Grant-IamRoleAssume -RoleName app -Service ec2.amazonaws.com -InstanceId i-0123456789abcdef0).InstanceIds | Should -Be 'i-0123456789abcdef0'
    }

    It 'refuses <Name> before creating anything' -ForEach @(
        @{ Name = 'a bad bucket name'; Arguments = @{ BucketName = 'Bad_Bucket' }; ErrorId = 'BucketNameInvalid' }
        @{ Name = 'a bad instance id'; Arguments = @{ InstanceId = 'i-123' }; ErrorId = 'InstanceIdInvalid' }
    ) {
        { Enter-IamSandbox -Path TestDrive:/refused.json @Arguments } | Should -Throw -ErrorId "$ErrorId,IamOps.Cmdlets.EnterIamSandboxCommand"
        Test-Path TestDrive:/refused.json | Should -BeFalse
    }

    It 'says that a role does not exist' {
        Enter-IamSandbox | Out-Null
        { Invoke-IamRoleAssume -RoleName no-such-role -ErrorAction Stop } |
            Should -Throw -ErrorId 'RoleNotFound,IamOps.Cmdlets.InvokeIamRoleAssumeCommand' -ExpectedMessage '*does not exist*'
    }

    It 'documents <Topic> in Get-Help Enter-IamSandbox' -ForEach @(
        @{ Topic = 'buckets'; Pattern = '-BucketName' }
        @{ Topic = 'instances'; Pattern = '-InstanceId' }
        @{ Topic = 'MFA codes'; Pattern = 'Get-IamMfaCode' }
        @{ Topic = 'MFA sessions'; Pattern = 'Get-IamSessionToken' }
        @{ Topic = 'acting as its principals'; Pattern = 'SetEnvironment' }
        @{ Topic = 'missing roles'; Pattern = 'RoleNotFound' }
        @{ Topic = 'switching sandboxes'; Pattern = 'warns which is now current' }
        @{ Topic = 'state files'; Pattern = 'IAMOPS_SANDBOX' }
    ) {
        (Get-Help Enter-IamSandbox -Full | Out-String -Width 300) | Should -Match ([regex]::Escape($Pattern))
    }
}

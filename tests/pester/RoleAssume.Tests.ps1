#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Grant-IamRoleAssume and Invoke-IamRoleAssume: developers who assume roles with their own keys.

Describe 'Roles a developer assumes' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force

        # A current TOTP code for a seed, as an authenticator app shows it (RFC 6238: HMAC-SHA1, 30 s, 6 digits).
        function Get-TotpCode([string] $Base32Seed, [datetime] $At = [datetime]::UtcNow) {
            $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
            $bits = -join ($Base32Seed.TrimEnd('=').ToUpperInvariant().ToCharArray() | ForEach-Object { [Convert]::ToString($alphabet.IndexOf($_), 2).PadLeft(5, '0') })
            $key = [byte[]]@(for ($i = 0; $i + 8 -le $bits.Length; $i += 8) { [Convert]::ToByte($bits.Substring($i, 8), 2) })
            $counter = [BitConverter]::GetBytes([long][Math]::Floor(([DateTimeOffset]$At).ToUnixTimeSeconds() / 30))
            if ([BitConverter]::IsLittleEndian) { [array]::Reverse($counter) }
            $hash = [Security.Cryptography.HMACSHA1]::new($key).ComputeHash($counter)
            $offset = $hash[19] -band 0x0f
            $value = (([int]$hash[$offset] -band 0x7f) -shl 24) -bor ([int]$hash[$offset + 1] -shl 16) -bor ([int]$hash[$offset + 2] -shl 8) -bor [int]$hash[$offset + 3]
            ($value % 1000000).ToString('000000')
        }
    }
    BeforeEach {
        Enter-IamSandbox | Out-Null
        $alice = Add-IamDeveloper -UserName alice -NoConsoleAccess -GroupName Developers -CreateMissingGroup -ProgrammaticAccess
        $bob = Add-IamDeveloper -UserName bob -NoConsoleAccess -GroupName Developers -ProgrammaticAccess
        $asAlice = @{ AccessKey = $alice.AccessKeyId; SecretKey = $alice.SecretAccessKey; NoCache = $true }
        $asBob = @{ AccessKey = $bob.AccessKeyId; SecretKey = $bob.SecretAccessKey; NoCache = $true }
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    Context 'a user granted a role' {
        It 'assumes it with their own key and proves who they are' {
            $alice | Grant-IamRoleAssume -RoleName deployer | Out-Null
            (Invoke-IamRoleAssume -RoleName deployer @asAlice -Verify).VerifiedIdentity.Arn | Should -Match ':assumed-role/deployer/alice$'
        }

        It 'is told the grant is already in place on the second run' {
            ($alice | Grant-IamRoleAssume -RoleName deployer).Status | Should -Be 'Created'
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            (Grant-IamRoleAssume -RoleName deployer -UserName alice).Status | Should -Be 'Unchanged'
            $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        }

        It 'writes exactly one inline policy allowing sts:AssumeRole on that role' {
            $grant = Grant-IamRoleAssume -RoleName deployer -UserName alice
            $grant.PermissionPolicyName | Should -Be 'IamOps-AssumeRole-deployer'
            (Test-IamPolicy -UserName alice -Action sts:AssumeRole -Resource $grant.RoleArn).Decision | Should -Be 'Allowed'
        }

        It 'hands the session to the next command through the pipeline' {
            Grant-IamRoleAssume -RoleName deployer -UserName alice | Out-Null
            $session = Invoke-IamRoleAssume -RoleName deployer @asAlice
            ($session | Get-IamCallerIdentity).Arn | Should -Match ':assumed-role/deployer/alice$'
        }

        It 'runs a script block as the role' {
            Grant-IamRoleAssume -RoleName deployer -UserName alice | Out-Null
            $inside = Invoke-IamRoleAssume -RoleName deployer @asAlice -ScriptBlock { Get-IamCallerIdentity }
            $inside.Arn | Should -Match ':assumed-role/deployer/alice$'
        }

        It 'shows the plan under -WhatIf and makes no mutating call' {
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            (Grant-IamRoleAssume -RoleName deployer -UserName alice -WhatIf).Status | Should -Be 'WouldChange'
            $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        }
    }

    Context 'a user not granted the role' {
        It 'is denied, with the documented error id' {
            Grant-IamRoleAssume -RoleName deployer -UserName alice | Out-Null
            { Invoke-IamRoleAssume -RoleName deployer @asBob } | Should -Throw -ErrorId 'RoleAssumeDenied,IamOps.Cmdlets.InvokeIamRoleAssumeCommand'
        }

        It 'can catch the denial in try/catch with -ErrorAction Stop' {
            Grant-IamRoleAssume -RoleName deployer -UserName alice | Out-Null
            $caught = $null
            try { Invoke-IamRoleAssume -RoleName deployer @asBob -ErrorAction Stop } catch { $caught = $_ }
            $caught.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $caught.Exception.Message | Should -Match 'bob'
        }
    }

    Context 'conditions on the role' {
        It 'requires MFA: denied without a code, allowed with a current TOTP code' {
            $none = [Threading.CancellationToken]::None
            $iam = $IamOpsSandbox.Connect().Iam
            $device = $iam.CreateVirtualMfaDeviceAsync('alice', [NullString]::Value, [IamOps.Aws.IamTag[]]::new(0), $none).GetAwaiter().GetResult()
            $seed = $device.Base32StringSeed
            $now = [datetime]::UtcNow
            $null = $iam.EnableMfaDeviceAsync('alice', $device.SerialNumber, (Get-TotpCode $seed $now.AddSeconds(-30)), (Get-TotpCode $seed $now), $none).GetAwaiter().GetResult()
            (Grant-IamRoleAssume -RoleName admin -UserName alice -RequireMfa).RequireMfa | Should -BeTrue

            { Invoke-IamRoleAssume -RoleName admin @asAlice } | Should -Throw -ErrorId 'MfaRequired,IamOps.Cmdlets.InvokeIamRoleAssumeCommand'
            $session = Invoke-IamRoleAssume -RoleName admin @asAlice -SerialNumber $device.SerialNumber -TokenCode (Get-TotpCode $seed $now.AddSeconds(30)) -Verify
            $session.VerifiedIdentity.Arn | Should -Match ':assumed-role/admin/alice$'
        }

        It 'requires the external id: a wrong one is denied, the right one works' {
            (Grant-IamRoleAssume -RoleName partner -UserName alice -ExternalId acme-42).ExternalIdRequired | Should -BeTrue
            { Invoke-IamRoleAssume -RoleName partner @asAlice -ExternalId acme-43 } | Should -Throw -ErrorId 'ExternalIdMismatch,IamOps.Cmdlets.InvokeIamRoleAssumeCommand'
            (Invoke-IamRoleAssume -RoleName partner @asAlice -ExternalId acme-42).AssumedRoleArn | Should -Match ':assumed-role/partner/alice$'
        }

        It 'allows a longer session once MaxSessionDuration allows it' {
            Grant-IamRoleAssume -RoleName long -UserName alice -MaxSessionDuration 14400 | Out-Null
            $session = Invoke-IamRoleAssume -RoleName long @asAlice -DurationSeconds 14400
            ($session.Expiration - [datetime]::UtcNow).TotalHours | Should -BeGreaterThan 3.9
        }

        It 'refuses a duration over the role maximum before calling STS' {
            Grant-IamRoleAssume -RoleName short -UserName alice | Out-Null
            { Invoke-IamRoleAssume -RoleName short @asAlice -DurationSeconds 43200 } | Should -Throw -ErrorId '*,IamOps.Cmdlets.InvokeIamRoleAssumeCommand'
        }
    }

    Context 'groups, services and other accounts' {
        It 'lets every member of a group assume the role' {
            Grant-IamRoleAssume -RoleName support -GroupName Developers | Out-Null
            (Invoke-IamRoleAssume -RoleName support @asBob -Verify).VerifiedIdentity.Arn | Should -Match ':assumed-role/support/bob$'
        }

        It 'builds an EC2 role with RDS permissions and puts its profile on the instance' {
            $id = $IamOpsSandbox.AddInstance('i-0123456789abcdef0')
            $grant = Grant-IamRoleAssume -RoleName app -Service ec2.amazonaws.com -PolicyArn arn:aws:iam::aws:policy/AmazonRDSFullAccess -InstanceId $id
            $grant.InstanceProfileName | Should -Be 'app'
            $IamOpsSandbox.InstanceProfileOf($id) | Should -Be 'app'
            (Test-IamPolicy -RoleName app -Action rds:DescribeDBInstances).Decision | Should -Be 'Allowed'
        }

        It 'refuses <Name> before any call' -ForEach @(
            @{ Name = 'a service without its domain'; Splat = @{ RoleName = 'app'; Service = 'ec2' }; Id = 'ServicePrincipalInvalid' }
            @{ Name = 'an account id of five digits'; Splat = @{ RoleName = 'app'; AccountId = '12345' }; Id = 'AccountIdInvalid' }
            @{ Name = 'a user that does not exist'; Splat = @{ RoleName = 'app'; UserName = 'ghost' }; Id = 'TargetNotFound' }
        ) {
            { Grant-IamRoleAssume @Splat -ErrorAction Stop } | Should -Throw -ErrorId "$Id,IamOps.Cmdlets.GrantIamRoleAssumeCommand"
        }
    }
}

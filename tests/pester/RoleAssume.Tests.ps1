#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Grant-IamRoleAssume and Invoke-IamRoleAssume against the sandbox: users who assume roles with their own keys.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
}

BeforeEach {
    Enter-IamSandbox | Out-Null
    $alice = Add-IamDeveloper -UserName alice -NoConsoleAccess -CreateMissingGroup -ProgrammaticAccess
    $bob = Add-IamDeveloper -UserName bob -NoConsoleAccess -CreateMissingGroup -ProgrammaticAccess
    $asAlice = @{ AccessKey = $alice.AccessKeyId; SecretKey = $alice.SecretAccessKey; NoCache = $true }
    $asBob = @{ AccessKey = $bob.AccessKeyId; SecretKey = $bob.SecretAccessKey; NoCache = $true }
}
AfterEach { Exit-IamSandbox }

Describe 'Grant-IamRoleAssume for a user' {
    It 'lets the new user assume the role with their own key, and changes nothing on a second run' {
        $grant = $alice | Grant-IamRoleAssume -RoleName deployer
        $grant.Status | Should -Be 'Created'
        $grant.PermissionPolicyName | Should -Be 'IamOps-AssumeRole-deployer'
        (Invoke-IamRoleAssume -RoleName deployer @asAlice -Verify).VerifiedIdentity.Arn | Should -Match ':assumed-role/deployer/alice$'
        (Grant-IamRoleAssume -RoleName deployer -UserName alice).Status | Should -Be 'Unchanged'
    }

    It 'denies a user who was not granted the role' {
        Grant-IamRoleAssume -RoleName deployer -UserName alice | Out-Null
        { Invoke-IamRoleAssume -RoleName deployer @asBob } | Should -Throw -ErrorId 'RoleAssumeDenied,IamOps.Cmdlets.InvokeIamRoleAssumeCommand'
    }

    It 'requires MFA when asked: denied without a code, allowed with a valid TOTP code' {
        $none = [Threading.CancellationToken]::None
        $iam = $IamOpsSandbox.Connect().Iam
        # The simulator loads with IamOps, privately on PowerShell 7: its types are reached through the sandbox, not by name.
        $totp = $IamOpsSandbox.GetType().Assembly.GetType('IamOps.Simulator.TimeBasedOneTimePassword')
        $device = $iam.CreateVirtualMfaDeviceAsync('alice', [NullString]::Value, [IamOps.Aws.IamTag[]]::new(0), $none).GetAwaiter().GetResult()
        $now = [DateTime]::UtcNow
        $null = $iam.EnableMfaDeviceAsync('alice', $device.SerialNumber,
            $totp::Compute($device.Base32StringSeed, $now.AddSeconds(-30)),
            $totp::Compute($device.Base32StringSeed, $now), $none).GetAwaiter().GetResult()
        (Grant-IamRoleAssume -RoleName admin -UserName alice -RequireMfa).RequireMfa | Should -BeTrue

        { Invoke-IamRoleAssume -RoleName admin @asAlice } | Should -Throw -ErrorId 'MfaRequired,IamOps.Cmdlets.InvokeIamRoleAssumeCommand'
        $code = $totp::Compute($device.Base32StringSeed, [DateTime]::UtcNow.AddSeconds(30))
        (Invoke-IamRoleAssume -RoleName admin @asAlice -SerialNumber $device.SerialNumber -TokenCode $code -Verify).VerifiedIdentity.Arn |
            Should -Match ':assumed-role/admin/alice$'
    }

    It 'denies a wrong external id and allows the right one' {
        (Grant-IamRoleAssume -RoleName partner -UserName alice -ExternalId acme-42).ExternalIdRequired | Should -BeTrue
        { Invoke-IamRoleAssume -RoleName partner @asAlice -ExternalId acme-43 } | Should -Throw -ErrorId 'ExternalIdMismatch,IamOps.Cmdlets.InvokeIamRoleAssumeCommand'
        (Invoke-IamRoleAssume -RoleName partner @asAlice -ExternalId acme-42).AssumedRoleArn | Should -Match ':assumed-role/partner/alice$'
    }

    It 'lets a longer session through once MaxSessionDuration allows it' {
        Grant-IamRoleAssume -RoleName long -UserName alice -MaxSessionDuration 14400 | Out-Null
        $session = Invoke-IamRoleAssume -RoleName long @asAlice -DurationSeconds 14400
        ($session.Expiration - [DateTime]::UtcNow).TotalHours | Should -BeGreaterThan 3.9
    }
}

Describe 'Grant-IamRoleAssume for groups and services' {
    It 'lets every member of a group assume the role' {
        Grant-IamRoleAssume -RoleName support -GroupName Developers | Out-Null
        (Invoke-IamRoleAssume -RoleName support @asBob -Verify).VerifiedIdentity.Arn | Should -Match ':assumed-role/support/bob$'
    }

    It 'builds the EC2 role with RDS permissions and puts its profile on the instance' {
        $id = $IamOpsSandbox.AddInstance('i-0123456789abcdef0')
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
        (Grant-IamRoleAssume -RoleName app -Service ec2.amazonaws.com -PolicyArn arn:aws:iam::aws:policy/AmazonRDSFullAccess -InstanceId $id -WhatIf).Status | Should -Be 'WouldChange'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        $grant = Grant-IamRoleAssume -RoleName app -Service ec2.amazonaws.com -PolicyArn arn:aws:iam::aws:policy/AmazonRDSFullAccess -InstanceId $id
        $grant.InstanceProfileName | Should -Be 'app'
        $IamOpsSandbox.InstanceProfileOf($id) | Should -Be 'app'
    }

    It 'refuses bad input before any call' {
        { Grant-IamRoleAssume -RoleName app -Service ec2 -ErrorAction Stop } | Should -Throw -ErrorId 'ServicePrincipalInvalid,IamOps.Cmdlets.GrantIamRoleAssumeCommand'
        { Grant-IamRoleAssume -RoleName app -AccountId 12345 -ErrorAction Stop } | Should -Throw -ErrorId 'AccountIdInvalid,IamOps.Cmdlets.GrantIamRoleAssumeCommand'
        { Grant-IamRoleAssume -RoleName app -UserName ghost -ErrorAction Stop } | Should -Throw -ErrorId 'TargetNotFound,IamOps.Cmdlets.GrantIamRoleAssumeCommand'
    }
}

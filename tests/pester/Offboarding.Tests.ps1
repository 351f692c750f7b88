#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Offboarding and revocation: Remove-IamDeveloper and Revoke-IamRoleAssume, the way back from onboarding and grants.

Describe 'Remove-IamDeveloper' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $team = Join-Path $PSScriptRoot '../../examples/data/team.csv'

        # A user carrying every kind of dependent IAM makes DeleteUser wait for, seeded through the sandbox's own IAM.
        function New-LoadedUser([string] $Name) {
            Add-IamDeveloper -UserName $Name -GroupName Developers, Ops -CreateMissingGroup -ProgrammaticAccess -PermissionsBoundary arn:aws:iam::aws:policy/PowerUserAccess | Out-Null
            $none = [Threading.CancellationToken]::None
            $iam = $IamOpsSandbox.Connect().Iam
            $null = $iam.UploadSigningCertificateAsync($Name, "-----BEGIN CERTIFICATE-----`nMIIB`n-----END CERTIFICATE-----", $none).GetAwaiter().GetResult()
            $null = $iam.UploadSshPublicKeyAsync($Name, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 $Name@laptop", $none).GetAwaiter().GetResult()
            $null = $iam.CreateServiceSpecificCredentialAsync($Name, 'codecommit.amazonaws.com', $none).GetAwaiter().GetResult()
            $device = $iam.CreateVirtualMfaDeviceAsync($Name, [NullString]::Value, [IamOps.Aws.IamTag[]]@(), $none).GetAwaiter().GetResult()
            $totp = $IamOpsSandbox.GetType().Assembly.GetType('IamOps.Simulator.TimeBasedOneTimePassword')
            $now = [DateTime]::UtcNow
            $iam.EnableMfaDeviceAsync($Name, $device.SerialNumber, $totp::Compute($device.Base32StringSeed, $now.AddSeconds(-30)), $totp::Compute($device.Base32StringSeed, $now), $none).GetAwaiter().GetResult()
            $iam.PutInlinePolicyAsync('User', $Name, 'notes', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}', $none).GetAwaiter().GetResult()
            $iam.AttachPolicyAsync('User', $Name, 'arn:aws:iam::aws:policy/ReadOnlyAccess', $none).GetAwaiter().GetResult()
        }
    }
    BeforeEach { Enter-IamSandbox | Out-Null }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'removes a user carrying every kind of dependent in one command, with no DeleteConflict' {
        New-LoadedUser alice
        $first = $IamOpsSandbox.CallLog.Calls.Count

        $result = Remove-IamDeveloper -UserName alice -Confirm:$false

        $result.Status | Should -Be 'Removed'
        $calls = $IamOpsSandbox.CallLog.Calls | Select-Object -Skip $first
        $calls | Where-Object Outcome -eq 'DeleteConflict' | Should -BeNullOrEmpty
        ($calls | Where-Object IsMutating).Operation | Should -Contain 'DeleteSigningCertificate'
        ($calls | Where-Object IsMutating).Operation | Should -Contain 'DeleteSSHPublicKey'
        ($calls | Where-Object IsMutating).Operation | Should -Contain 'DeleteServiceSpecificCredential'
        ($calls | Where-Object IsMutating)[-1].Operation | Should -Be 'DeleteUser'
        (Remove-IamDeveloper -UserName alice -Confirm:$false).Status | Should -Be 'Unchanged'
    }

    It 'deactivates a hardware MFA token and keeps it for its owner, while the virtual device is deleted' {
        New-LoadedUser alice
        $IamOpsSandbox.AddHardwareMfaDevice('GAHT12345678')
        $now = [DateTime]::UtcNow
        $iam = $IamOpsSandbox.Connect().Iam
        $iam.EnableMfaDeviceAsync('alice', 'GAHT12345678', $IamOpsSandbox.MfaCode('GAHT12345678', $now.AddSeconds(-30)), $IamOpsSandbox.MfaCode('GAHT12345678', $now), [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $first = $IamOpsSandbox.CallLog.Calls.Count

        $result = Remove-IamDeveloper -UserName alice -Confirm:$false

        $result.Status | Should -Be 'Removed'
        $result.Changes | Where-Object { $_ -like '*GAHT12345678*' } | Should -Not -BeLike '*delete*'
        $mfa = ($IamOpsSandbox.CallLog.Calls | Select-Object -Skip $first | Where-Object IsMutating).Operation -like '*MFA*'
        $mfa | Should -Be @('DeactivateMFADevice', 'DeleteVirtualMFADevice', 'DeactivateMFADevice')
        ($IamOpsSandbox.CallLog.Calls | Select-Object -Skip $first | Where-Object Outcome -ne 'Success') | Should -BeNullOrEmpty
    }

    It 'lists every step under -WhatIf and makes no mutating call' {
        New-LoadedUser alice
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count

        $plan = Remove-IamDeveloper -UserName alice -WhatIf

        $plan.Status | Should -Be 'WouldChange'
        $plan.Changes | Should -Contain 'Would delete console password of user alice'
        $plan.Changes[-1] | Should -Be 'Would delete user alice'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'changes nothing when run again' {
        Add-IamDeveloper -UserName bob -CreateMissingGroup | Out-Null
        Remove-IamDeveloper -UserName bob -Confirm:$false | Out-Null
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count

        (Remove-IamDeveloper -UserName bob -Confirm:$false).Status | Should -Be 'Unchanged'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'reports a user that does not exist as Unchanged, with a verbose note and no error' {
        $output = Remove-IamDeveloper -UserName ghost -Confirm:$false -Verbose -ErrorVariable problems 4>&1

        ($output | Where-Object { $_ -is [IamOps.Offboarding.OffboardingResult] }).Status | Should -Be 'Unchanged'
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "User 'ghost' does not exist; nothing to remove."
        $problems | Should -BeNullOrEmpty
    }

    It 'refuses <Name> with error id <Id>' -ForEach @(
        @{ Name = 'a user name with a space'; UserName = 'bad name'; Id = 'UserNameInvalid' }
        @{ Name = 'a user name of 65 characters'; UserName = ('u' * 65); Id = 'UserNameInvalid' }
        @{ Name = 'an empty user name'; UserName = ''; Id = 'UserNameMissing' }
    ) {
        { Remove-IamDeveloper -UserName $UserName -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "$Id,IamOps.Cmdlets.RemoveIamDeveloperCommand"
    }

    It 'writes an error for a bad pipeline item and removes the rest' {
        Add-IamDeveloper -UserName carol -CreateMissingGroup | Out-Null

        $results = 'bad name', 'carol' | Remove-IamDeveloper -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue

        $problems.FullyQualifiedErrorId | Should -Be 'UserNameInvalid,IamOps.Cmdlets.RemoveIamDeveloperCommand'
        $results.Status | Should -Be @('Failed', 'Removed')
    }

    It 'takes Add-IamDeveloper results, CSV rows and AWS.Tools users from the pipeline by property name' {
        $added = Import-Csv $team | Add-IamDeveloper -CreateMissingGroup
        $leavers = Join-Path $TestDrive 'leavers.csv'
        $added | Select-Object -First 1 UserName | Export-Csv -Path $leavers
        $awsToolsUser = [pscustomobject]@{ UserName = $added[1].UserName; Arn = $added[1].Arn; UserId = 'AIDAEXAMPLE'; Path = '/' }

        $fromCsv = Import-Csv $leavers | Remove-IamDeveloper -Confirm:$false
        $fromAwsTools = $awsToolsUser | Remove-IamDeveloper -Confirm:$false
        $fromResult = $added[2] | Remove-IamDeveloper -Confirm:$false -ThrottleLimit 2

        @($fromCsv, $fromAwsTools, $fromResult).Status | Should -Be @('Removed', 'Removed', 'Removed')
        @($fromCsv, $fromAwsTools, $fromResult).UserName | Should -Be $added.UserName
    }

    It 'disables with -Disable: keys inactive, no console password, no groups, tagged, and a plain run then removes' {
        Add-IamDeveloper -UserName dana -CreateMissingGroup -ProgrammaticAccess | Out-Null

        $dayBefore = [DateTime]::UtcNow.ToString('yyyy-MM-dd')
        $disabled = Remove-IamDeveloper -UserName dana -Disable -Confirm:$false
        $dayAfter = [DateTime]::UtcNow.ToString('yyyy-MM-dd')

        $disabled.Status | Should -Be 'Disabled'
        # The UTC date of the run: the same on both sides unless the run crossed midnight.
        @($disabled.Changes -like 'Tagged iamops:offboarded=* on user dana') | Should -HaveCount 1
        $disabled.Changes -like 'Tagged iamops:offboarded=* on user dana' | Should -BeIn @("Tagged iamops:offboarded=$dayBefore on user dana", "Tagged iamops:offboarded=$dayAfter on user dana")
        ($disabled.Changes -like 'Deactivated access key *').Count | Should -Be 1
        (Remove-IamDeveloper -UserName dana -Disable -Confirm:$false).Status | Should -Be 'Unchanged'
        (Remove-IamDeveloper -UserName dana -Confirm:$false).Status | Should -Be 'Removed'
    }

    It 'shows Status first in its table view, within 80 columns' {
        $text = Remove-IamDeveloper -UserName ghost -Confirm:$false | Format-Table | Out-String -Width 80
        ($text -split "`n" | Where-Object { $_.Trim() })[0] | Should -Match '^\S*Status'
        $text | Should -Match 'Unchanged\s+ghost'
    }
}

Describe 'Revoke-IamRoleAssume' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        function Get-Trust([string] $Role) {
            $iam = $IamOpsSandbox.Connect().Iam
            $iam.GetRoleAsync($Role, [Threading.CancellationToken]::None).GetAwaiter().GetResult().AssumeRolePolicyDocument | ConvertFrom-Json | ConvertTo-Json -Depth 10 -Compress
        }
    }
    BeforeEach { Enter-IamSandbox | Out-Null }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'restores the exact earlier trust policy after Grant-IamRoleAssume for <Kind>' -ForEach @(
        @{ Kind = 'a service'; Grant = @{ Service = 'lambda.amazonaws.com' } }
        @{ Kind = 'another account'; Grant = @{ AccountId = '999988887777'; ExternalId = 'acme-7' } }
        @{ Kind = 'a user'; Grant = @{ UserName = 'alice' } }
    ) {
        Add-IamDeveloper -UserName alice -CreateMissingGroup | Out-Null
        Grant-IamRoleAssume -RoleName partner -AccountId 210987654321 -ExternalId acme-42 | Out-Null
        $earlier = Get-Trust partner
        Grant-IamRoleAssume -RoleName partner @Grant | Out-Null
        Get-Trust partner | Should -Not -Be $earlier

        $revoke = @{} + $Grant
        $revoke.Remove('ExternalId')
        $result = Revoke-IamRoleAssume -RoleName partner @revoke -Confirm:$false

        $result.Status | Should -Be 'Revoked'
        Get-Trust partner | Should -Be $earlier
        (Revoke-IamRoleAssume -RoleName partner @revoke -Confirm:$false).Status | Should -Be 'Unchanged'
    }

    It 'deletes the role with -DeleteRole and leaves no orphaned instance profile' {
        Grant-IamRoleAssume -RoleName app -Service ec2.amazonaws.com -PolicyArn arn:aws:iam::aws:policy/AmazonRDSFullAccess | Out-Null
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
        (Revoke-IamRoleAssume -RoleName app -Service ec2.amazonaws.com -DeleteRole -WhatIf).Status | Should -Be 'WouldChange'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before

        (Revoke-IamRoleAssume -RoleName app -Service ec2.amazonaws.com -DeleteRole -Confirm:$false).Status | Should -Be 'RoleDeleted'

        $iam = $IamOpsSandbox.Connect().Iam
        { $iam.GetInstanceProfileAsync('app', [Threading.CancellationToken]::None).GetAwaiter().GetResult() } | Should -Throw '*cannot be found*'
        { $iam.GetRoleAsync('app', [Threading.CancellationToken]::None).GetAwaiter().GetResult() } | Should -Throw '*cannot be found*'
    }

    It 'deletes a role whose last grant was revoked with -DeleteRole alone, and leaves a role others still hold' {
        Add-IamDeveloper -UserName fay -NoConsoleAccess -CreateMissingGroup | Out-Null
        Add-IamDeveloper -UserName gus -NoConsoleAccess -CreateMissingGroup | Out-Null
        Grant-IamRoleAssume -RoleName reports -UserName fay | Out-Null
        Grant-IamRoleAssume -RoleName builds -UserName gus | Out-Null
        Revoke-IamRoleAssume -RoleName reports -UserName fay -Confirm:$false -WarningVariable left -WarningAction SilentlyContinue | Out-Null
        ($left -join ' ') | Should -BeLike '*-DeleteRole*'

        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
        (Revoke-IamRoleAssume -RoleName reports -DeleteRole -WhatIf).Status | Should -Be 'WouldChange'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        (Revoke-IamRoleAssume -RoleName reports -DeleteRole -Confirm:$false).Status | Should -Be 'RoleDeleted'
        (Revoke-IamRoleAssume -RoleName reports -DeleteRole -Confirm:$false).Status | Should -Be 'Unchanged'

        $kept = Revoke-IamRoleAssume -RoleName builds -DeleteRole -Confirm:$false -WarningVariable why -WarningAction SilentlyContinue
        $kept.Status | Should -Be 'Unchanged'
        ($why -join ' ') | Should -BeLike '*user gus*'
    }

    It 'revokes live sessions on its own: the old session is refused, a new one works' {
        $erik = Add-IamDeveloper -UserName erik -NoConsoleAccess -ProgrammaticAccess -CreateMissingGroup
        $erik | Grant-IamRoleAssume -RoleName deployer -PolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess | Out-Null
        $assume = @{ RoleName = 'deployer'; AccessKey = $erik.AccessKeyId; SecretKey = $erik.SecretAccessKey; NoCache = $true }
        $old = Invoke-IamRoleAssume @assume
        { Test-IamPolicy -RoleName deployer -Action s3:GetObject -Credential $old -ErrorAction Stop } | Should -Not -Throw

        $result = Revoke-IamRoleAssume -RoleName deployer -RevokeSessions -Confirm:$false

        $result.Status | Should -Be 'Revoked'
        $result.SessionsRevokedBefore | Should -BeOfType [datetime]
        { Test-IamPolicy -RoleName deployer -Action s3:GetObject -Credential $old -ErrorAction Stop } | Should -Throw -ErrorId 'AwsAccessDenied,IamOps.Cmdlets.TestIamPolicyCommand'
        $new = Invoke-IamRoleAssume @assume
        { Test-IamPolicy -RoleName deployer -Action s3:GetObject -Credential $new -ErrorAction Stop } | Should -Not -Throw
    }

    It 'refuses <Name> with error id <Id>' -ForEach @(
        @{ Name = 'a bad role name'; Splat = @{ RoleName = 'bad role'; UserName = 'alice' }; Id = 'RoleNameInvalid' }
        @{ Name = 'a bad account id'; Splat = @{ RoleName = 'app'; AccountId = '123' }; Id = 'AccountIdInvalid' }
        @{ Name = 'a bare service name'; Splat = @{ RoleName = 'app'; Service = 'ec2' }; Id = 'ServicePrincipalInvalid' }
    ) {
        { Revoke-IamRoleAssume @Splat -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "$Id,IamOps.Cmdlets.RevokeIamRoleAssumeCommand"
    }

    It 'refuses to leave a role trusting nobody without -DeleteRole' {
        Grant-IamRoleAssume -RoleName audit -AccountId 999988887777 | Out-Null
        { Revoke-IamRoleAssume -RoleName audit -AccountId 999988887777 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'RoleTrustWouldBeEmpty,IamOps.Cmdlets.RevokeIamRoleAssumeCommand'
    }
}

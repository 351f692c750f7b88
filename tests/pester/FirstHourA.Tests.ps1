#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Issue 21, a user's first hour (items 1, 2, 3, 4, 6 and 7), as a user runs it: in the sandbox, from the prompt or a script.

Describe 'Credentials in the sandbox are honoured as AWS honours them' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        Enter-IamSandbox | Out-Null
        $account = (Get-IamCallerIdentity).Account
        $null = Grant-IamRoleAssume -RoleName auditor -AccountId $account -PolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess -WarningAction SilentlyContinue
        $null = Add-IamDeveloper -UserName alice -CreateMissingGroup
        $readOnly = Invoke-IamRoleAssume -RoleName auditor
    }

    AfterAll {
        Exit-IamSandbox
    }

    It 'answers as the role session passed as -Credential, not as the administrator' {
        (Get-IamCallerIdentity -Credential $readOnly).Arn | Should -BeLike "arn:aws:sts::${account}:assumed-role/auditor/*"
    }

    It 'denies iam:CreateUser to a read-only role session passed as -Credential' {
        { Add-IamDeveloper -UserName mallory -Credential $readOnly -ErrorAction Stop } |
            Should -Throw -ErrorId 'AwsAccessDenied,IamOps.Cmdlets.AddIamDeveloperCommand' -ExpectedMessage '*iam:CreateUser*'
        Add-IamDeveloper -UserName mallory -WhatIf | Select-Object -ExpandProperty Status | Should -Be 'WouldChange'
    }

    It 'works as a developer with the access key the sandbox issued' {
        $dev = Add-IamDeveloper -UserName keyholder -ProgrammaticAccess
        (Get-IamCallerIdentity -AccessKey $dev.AccessKeyId -SecretKey $dev.SecretAccessKey).Arn | Should -Be "arn:aws:iam::${account}:user/keyholder"
    }

    It 'refuses keys it never issued, given <Given>' -ForEach @(
        @{ Given = '-AccessKey/-SecretKey'; Connection = @{ AccessKey = 'AKIAIOSFODNN7EXAMPLE'; SecretKey = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY' } }
        @{ Given = '-Credential'; Connection = @{ Credential = [pscustomobject]@{ AccessKeyId = 'AKIAI44QH8DHBEXAMPLE'; SecretAccessKey = 'je7MtGbClwBF2Zp9Utk' } } }
    ) {
        { Get-IamCallerIdentity @Connection -ErrorAction Stop } |
            Should -Throw -ErrorId 'SandboxKeyNotIssued,IamOps.Cmdlets.GetIamCallerIdentityCommand' -ExpectedMessage '*was not issued by the sandbox*'
    }

    It 'refuses -Credential $null rather than running as the administrator' {
        { Get-IamCallerIdentity -Credential $readOnly.NoSuchProperty -ErrorAction Stop } |
            Should -Throw -ErrorId 'CredentialNull,IamOps.Cmdlets.GetIamCallerIdentityCommand'
    }
}

Describe 'Add-IamDeveloper -GroupPolicyArn converges on existing groups' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $ec2 = 'arn:aws:iam::aws:policy/AmazonEC2FullAccess'
    }

    BeforeEach {
        Enter-IamSandbox | Out-Null
    }

    AfterEach {
        Exit-IamSandbox
    }

    It 'ends with the policy attached after a typo''d -GroupPolicyArn followed by the right one' {
        $typo = Add-IamDeveloper -UserName alice -CreateMissingGroup -GroupPolicyArn 'arn:aws:iam::aws:policy/AmazonEC2FullAcess' -ErrorVariable failed -ErrorAction SilentlyContinue
        $typo.Status | Should -Be 'Failed'
        $failed[0].FullyQualifiedErrorId | Should -Be 'AwsNoSuchEntity,IamOps.Cmdlets.AddIamDeveloperCommand'

        $fixed = Add-IamDeveloper -UserName alice -CreateMissingGroup -GroupPolicyArn $ec2

        $fixed.Status | Should -Be 'Created'
        $fixed.Changes | Should -Contain "Attached $ec2 to group Developers"
        (Test-IamPolicy -UserName alice -Action ec2:RunInstances).Decision | Should -Be 'Allowed'
    }

    It 'says Unchanged only once the group has every policy asked for' {
        $null = Add-IamDeveloper -UserName alice -CreateMissingGroup
        (Add-IamDeveloper -UserName alice -CreateMissingGroup -GroupPolicyArn $ec2 -WhatIf).Status | Should -Be 'WouldChange'
        (Add-IamDeveloper -UserName alice -CreateMissingGroup -GroupPolicyArn $ec2).Status | Should -Be 'Updated'
        (Add-IamDeveloper -UserName alice -CreateMissingGroup -GroupPolicyArn $ec2).Status | Should -Be 'Unchanged'
    }

    It 'never detaches a policy the group already has' {
        $null = Add-IamDeveloper -UserName alice -CreateMissingGroup -GroupPolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess
        $null = Add-IamDeveloper -UserName bob -CreateMissingGroup -GroupPolicyArn $ec2
        (Test-IamPolicy -UserName bob -Action s3:ListAllMyBuckets).Decision | Should -Be 'Allowed'
    }
}

Describe 'Test-IamPolicy -FailOn in a CI gate script' {
    BeforeAll {
        $manifest = (Resolve-Path (Join-Path $PSScriptRoot '../../IamOps.psd1')).Path
        # The pwsh running these tests: an executable, or dotnet with pwsh.dll (the local tool).
        $pwsh = [Environment]::ProcessPath
        $pwshArguments = @(if ((Split-Path -Leaf $pwsh) -like 'dotnet*') { [Environment]::GetCommandLineArgs()[0] })
        $gate = Join-Path $TestDrive 'gate.ps1'
        Set-Content -Path $gate -Value @'
param([string] $Manifest, [string] $PolicyFolder)
Import-Module $Manifest
Test-IamPolicy -Path "$PolicyFolder/*.json" -FailOn SecurityWarning | ForEach-Object { "finding $($_.CheckId)" }
'gate passed'
'@
    }

    It 'exits <ExitCode> for <Case> with the default $ErrorActionPreference' -ForEach @(
        @{ Case = 'a SecurityWarning'; ExitCode = 1; Shows = 'finding PASS_ROLE_WITH_STAR_IN_RESOURCE'; Skips = 'gate passed'; Document = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}' }
        @{ Case = 'a clean policy'; ExitCode = 0; Shows = 'gate passed'; Skips = 'PolicyCheckFailed'; Document = '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-reports/*"}]}' }
    ) {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid()))
        Set-Content -Path (Join-Path $folder 'policy.json') -Value $Document

        $output = & $pwsh @pwshArguments -NoProfile -NonInteractive -File $gate -Manifest $manifest -PolicyFolder $folder.FullName 2>&1

        $LASTEXITCODE | Should -Be $ExitCode
        ($output | Out-String) | Should -BeLike "*$Shows*"
        ($output | Out-String) | Should -Not -BeLike "*$Skips*"
    }

    It 'writes every finding before it fails' {
        $findings = [System.Collections.Generic.List[object]]::new()
        $document = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}'
        { Test-IamPolicy -PolicyDocument $document -FailOn SecurityWarning | ForEach-Object { $findings.Add($_) } } |
            Should -Throw -ErrorId 'PolicyCheckFailed,IamOps.Cmdlets.TestIamPolicyCommand'
        $findings.CheckId | Should -Contain 'PASS_ROLE_WITH_STAR_IN_RESOURCE'
    }
}

Describe 'New-IamAdminBaseline re-runs with -CredentialFile' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }

    BeforeEach {
        Enter-IamSandbox | Out-Null
        $file = Join-Path $TestDrive "admins-$([guid]::NewGuid()).csv"
        $null = New-IamAdminBaseline -AccountAlias acme-demo -AdminUserName alice -CredentialFile $file
    }

    AfterEach {
        Exit-IamSandbox
    }

    It 're-runs with 0 mutating calls and no error, and leaves the file untouched' {
        $hash = (Get-FileHash $file).Hash
        $written = (Get-Item $file).LastWriteTimeUtc
        $IamOpsSandbox.CallLog.Clear()

        $rerun = New-IamAdminBaseline -AccountAlias acme-demo -AdminUserName alice -CredentialFile $file -ErrorVariable problems

        $problems | Should -BeNullOrEmpty
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be 0
        $rerun.Status | Should -Not -Contain 'Changed'
        (Get-FileHash $file).Hash | Should -Be $hash
        (Get-Item $file).LastWriteTimeUtc | Should -Be $written
    }

    It 'appends a new admin to the owner-only credential file of the earlier run' {
        $null = New-IamAdminBaseline -AccountAlias acme-demo -AdminUserName alice, bob -CredentialFile $file
        (Import-Csv $file).'User name' | Should -Be @('alice', 'bob')
    }

    It 'refuses to add secrets to a file that is not its own credential file' {
        $notes = Join-Path $TestDrive 'notes.csv'
        Set-Content -Path $notes -Value 'my notes'
        { New-IamAdminBaseline -AdminUserName carol -CredentialFile $notes -ErrorAction Stop } |
            Should -Throw -ErrorId 'CredentialFileExists,IamOps.Cmdlets.NewIamAdminBaselineCommand'
        Get-Content $notes | Should -Be 'my notes'
    }

    It 'keeps a different alias unless -ReplaceAccountAlias, even with -Force' {
        (New-IamAdminBaseline -AccountAlias acme-other -Force | Where-Object Control -eq 'Alias').Status | Should -Be 'ActionRequired'
        (New-IamAdminBaseline -AccountAlias acme-other -ReplaceAccountAlias -WarningAction SilentlyContinue | Where-Object Control -eq 'Alias').Status | Should -Be 'Changed'
    }

    It 'keeps a stricter password policy unless -AllowWeakerPasswordPolicy' {
        $null = New-IamAdminBaseline -PasswordPolicy @{ MinimumPasswordLength = 30 }
        (New-IamAdminBaseline | Where-Object Control -eq '2.8').Detail | Should -BeLike '*MinimumPasswordLength 30 (asked 14)*'
        (New-IamAdminBaseline -AllowWeakerPasswordPolicy | Where-Object Control -eq '2.8').Status | Should -Be 'Changed'
    }
}

Describe 'Bad CSV rows in Add-IamDeveloper' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $csv = Join-Path $TestDrive 'team.csv'
        Set-Content -Path $csv -Value @(
            'UserName,GroupName,ConsoleAccess,NoConsoleAccess'
            'ann,Developers,true,'
            'bad user,Developers,true,'
            'cy,Developers,true,true'
            'dee,Developers,true,'
        )
    }

    BeforeEach {
        Enter-IamSandbox | Out-Null
        $results = Import-Csv $csv | Add-IamDeveloper -CreateMissingGroup -ErrorVariable rowErrors -ErrorAction SilentlyContinue -Verbose 4>&1
        $developers = $results | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $summary = $results | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Developers:*' }
    }

    AfterEach {
        Exit-IamSandbox
    }

    It 'gives every row a result, a bad one Failed, in the order of the file' {
        $developers | ForEach-Object { '{0}:{1}' -f $_.UserName, $_.Status } | Should -Be @('ann:Created', 'bad user:Failed', 'cy:Failed', 'dee:Created')
    }

    It 'names CSV data row <Row> (<User>) in its <ErrorId> error' -ForEach @(
        @{ Row = 2; User = 'bad user'; ErrorId = 'UserNameInvalid' }
        @{ Row = 3; User = 'cy'; ErrorId = 'ConsoleAccessConflict' }
    ) {
        $record = $rowErrors | Where-Object FullyQualifiedErrorId -eq "$ErrorId,IamOps.Cmdlets.AddIamDeveloperCommand"
        $record.Exception.Message | Should -BeLike "Row $Row ('$User'): *"
    }

    It 'counts the failed rows in the summary' {
        $summary.Message | Should -BeLike 'Developers: 2 Created, 2 Failed*'
    }

    It 'refuses -ConsoleAccess with -NoConsoleAccess at the prompt' {
        { Add-IamDeveloper -UserName eve -ConsoleAccess -NoConsoleAccess -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConsoleAccessConflict,IamOps.Cmdlets.AddIamDeveloperCommand'
    }
}

Describe 'Access keys: rotating twice, and retiring a named key' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }

    BeforeEach {
        Enter-IamSandbox | Out-Null
        $first = Add-IamDeveloper -UserName alice -CreateMissingGroup -ProgrammaticAccess
    }

    AfterEach {
        Exit-IamSandbox
    }

    It 'rotates twice, deleting the oldest inactive key first' {
        $second = Add-IamDeveloper -UserName alice -RotateAccessKey
        $third = Add-IamDeveloper -UserName alice -RotateAccessKey -WarningAction SilentlyContinue

        $third.Status | Should -Be 'Updated'
        $third.Changes[0] | Should -Be "Deleted access key $($first.AccessKeyId) of user alice"
        (Get-IamCallerIdentity -AccessKey $third.AccessKeyId -SecretKey $third.SecretAccessKey).Arn | Should -BeLike '*:user/alice'
        { Get-IamCallerIdentity -AccessKey $second.AccessKeyId -SecretKey $second.SecretAccessKey -ErrorAction Stop } | Should -Throw -ErrorId 'AwsInvalidClientTokenId,*'
    }

    It 'deactivates a named key, and a re-run changes nothing' {
        (Add-IamDeveloper -UserName alice -DeactivateAccessKey $first.AccessKeyId).Status | Should -Be 'Updated'
        (Add-IamDeveloper -UserName alice -DeactivateAccessKey $first.AccessKeyId).Status | Should -Be 'Unchanged'
        { Get-IamCallerIdentity -AccessKey $first.AccessKeyId -SecretKey $first.SecretAccessKey -ErrorAction Stop } | Should -Throw -ErrorId 'AwsInvalidClientTokenId,*'
    }

    It 'deletes a named key only when not under -WhatIf' {
        (Add-IamDeveloper -UserName alice -DeleteAccessKey $first.AccessKeyId -WhatIf).Status | Should -Be 'WouldChange'
        (Get-IamCallerIdentity -AccessKey $first.AccessKeyId -SecretKey $first.SecretAccessKey).Arn | Should -BeLike '*:user/alice'
        (Add-IamDeveloper -UserName alice -DeleteAccessKey $first.AccessKeyId -WarningAction SilentlyContinue).Status | Should -Be 'Updated'
        { Get-IamCallerIdentity -AccessKey $first.AccessKeyId -SecretKey $first.SecretAccessKey -ErrorAction Stop } | Should -Throw -ErrorId 'SandboxKeyNotIssued,*'
    }

    It 'fails a key the user does not have, naming the keys it has' {
        { Add-IamDeveloper -UserName alice -DeactivateAccessKey AKIAIOSFODNN7EXAMPLE -ErrorAction Stop } |
            Should -Throw -ErrorId 'AccessKeyNotFound,IamOps.Cmdlets.AddIamDeveloperCommand' -ExpectedMessage "*$($first.AccessKeyId)*"
    }
}

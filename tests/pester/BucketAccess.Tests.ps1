#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Grant-IamBucketAccess and Revoke-IamBucketAccess: least-privilege S3 access to one bucket and prefix.

Describe 'Grant-IamBucketAccess' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    BeforeEach {
        Enter-IamSandbox | Out-Null
        $IamOpsSandbox.AddBucket('acme-reports', 'eu-west-1', $IamOpsSandbox.AccountId)
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    Context 'an EC2 service role with one bucket' {
        It 'creates the role, its instance profile and the bucket policy' {
            $grant = Grant-IamBucketAccess -RoleName uploader -TrustService ec2.amazonaws.com -BucketName acme-reports -Prefix reports -Access Write
            $grant.Status | Should -Be 'Created'
            $grant.InstanceProfileName | Should -Be 'uploader'
            $grant.Prefix | Should -Be 'reports/'
        }

        It 'changes nothing on the second run' {
            Grant-IamBucketAccess -RoleName uploader -TrustService ec2.amazonaws.com -BucketName acme-reports -Prefix reports -Access Write | Out-Null
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            (Grant-IamBucketAccess -RoleName uploader -TrustService ec2.amazonaws.com -BucketName acme-reports -Prefix reports -Access Write).Status | Should -Be 'Unchanged'
            $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        }

        It 'adds another trusted service to the same role' {
            Grant-IamBucketAccess -RoleName uploader -TrustService ec2.amazonaws.com -BucketName acme-reports -Access Write | Out-Null
            (Grant-IamBucketAccess -RoleName uploader -TrustService lambda.amazonaws.com -BucketName acme-reports -Access Write).Status | Should -Be 'Updated'
        }

        It 'grants exactly the prefix: the role may write there and nowhere else' {
            Grant-IamBucketAccess -RoleName uploader -TrustService ec2.amazonaws.com -BucketName acme-reports -Prefix reports -Access Write | Out-Null
            (Test-IamPolicy -RoleName uploader -Action s3:PutObject -Resource 'arn:aws:s3:::acme-reports/reports/q1.csv').Decision | Should -Be 'Allowed'
            (Test-IamPolicy -RoleName uploader -Action s3:PutObject -Resource 'arn:aws:s3:::acme-reports/other/q1.csv').Decision | Should -Not -Be 'Allowed'
            (Test-IamPolicy -RoleName uploader -Action s3:DeleteBucket -Resource 'arn:aws:s3:::acme-reports').Decision | Should -Not -Be 'Allowed'
        }
    }

    Context 'users and groups' {
        BeforeEach { 'dev1' | Add-IamDeveloper -NoConsoleAccess -GroupName Developers -CreateMissingGroup | Out-Null }

        It 'takes the user from Add-IamDeveloper through the pipeline' {
            $grant = Add-IamDeveloper -UserName dev1 -NoConsoleAccess -GroupName Developers | Grant-IamBucketAccess -BucketName acme-reports -Access Read
            $grant.Status | Should -Be 'Created'
            $grant.PrincipalName | Should -Be 'dev1'
        }

        It 'gives a whole group read access' {
            (Grant-IamBucketAccess -GroupName Developers -BucketName acme-reports -Access Read).Status | Should -Be 'Created'
            (Test-IamPolicy -UserName dev1 -Action s3:GetObject -Resource 'arn:aws:s3:::acme-reports/a.txt').Decision | Should -Be 'Allowed'
        }

        It 'shows the policy document under -WhatIf and writes nothing' {
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            $preview = Grant-IamBucketAccess -UserName dev1 -BucketName acme-reports -Access ReadWrite -WhatIf
            $preview.Status | Should -Be 'WouldChange'
            $preview.PolicyDocument | Should -Match 's3:PutObject'
            $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        }
    }

    Context 'bad input' {
        It 'refuses <Name> before any change' -ForEach @(
            @{ Name = 'a bucket name with capitals'; Splat = @{ UserName = 'dev1'; BucketName = 'Bad_Bucket' }; Id = 'BucketNameInvalid' }
            @{ Name = 'a service without its domain'; Splat = @{ RoleName = 'app'; TrustService = 'ec2'; BucketName = 'acme-reports' }; Id = 'ServicePrincipalInvalid' }
        ) {
            $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
            { Grant-IamBucketAccess @Splat -ErrorAction Stop } | Should -Throw -ErrorId "$Id,IamOps.Cmdlets.GrantIamBucketAccessCommand"
            $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
        }
    }
}

Describe 'Revoke-IamBucketAccess' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    BeforeEach {
        Enter-IamSandbox | Out-Null
        $IamOpsSandbox.AddBucket('acme-reports', 'eu-west-1', $IamOpsSandbox.AccountId)
        'dev2' | Add-IamDeveloper -NoConsoleAccess -GroupName Developers -CreateMissingGroup | Out-Null
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'takes back exactly the grant piped to it' {
        $grant = Grant-IamBucketAccess -UserName dev2 -BucketName acme-reports -Prefix tmp -Access Write
        ($grant | Revoke-IamBucketAccess).Status | Should -Be 'Removed'
        (Test-IamPolicy -UserName dev2 -Action s3:PutObject -Resource 'arn:aws:s3:::acme-reports/tmp/x').Decision | Should -Not -Be 'Allowed'
    }

    It 'is Unchanged when there is nothing to take back' {
        (Revoke-IamBucketAccess -UserName dev2 -BucketName acme-reports).Status | Should -Be 'Unchanged'
    }

    It 'makes no mutating call under -WhatIf' {
        Grant-IamBucketAccess -UserName dev2 -BucketName acme-reports -Access Read | Out-Null
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
        Revoke-IamBucketAccess -UserName dev2 -BucketName acme-reports -WhatIf | Out-Null
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }
}

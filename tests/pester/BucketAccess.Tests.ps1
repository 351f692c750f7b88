#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Grant-IamBucketAccess and Revoke-IamBucketAccess against the sandbox.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
}

BeforeEach {
    Enter-IamSandbox | Out-Null
    $IamOpsSandbox.AddBucket('pester-reports', 'eu-west-1', $IamOpsSandbox.AccountId)
}
AfterEach { Exit-IamSandbox }

Describe 'Grant-IamBucketAccess' {
    It 'builds the EC2 role and changes nothing on a second run' {
        $first = Grant-IamBucketAccess -RoleName uploader -TrustService ec2.amazonaws.com -BucketName pester-reports -Prefix reports -Access Write
        $first.Status | Should -Be 'Created'
        $first.InstanceProfileName | Should -Be 'uploader'
        $first.Prefix | Should -Be 'reports/'
        (Grant-IamBucketAccess -RoleName uploader -TrustService ec2.amazonaws.com -BucketName pester-reports -Prefix reports -Access Write).Status | Should -Be 'Unchanged'
        (Grant-IamBucketAccess -RoleName uploader -TrustService lambda.amazonaws.com, ssm.amazonaws.com -BucketName pester-reports -Prefix reports -Access Write).Status | Should -Be 'Updated'
    }

    It 'shows the document under -WhatIf and writes nothing' {
        'dev1' | Add-IamDeveloper -NoConsoleAccess -CreateMissingGroup | Out-Null
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
        $preview = Grant-IamBucketAccess -UserName dev1 -BucketName pester-reports -Access ReadWrite -WhatIf
        $preview.Status | Should -Be 'WouldChange'
        $preview.PolicyDocument | Should -Match 's3:PutObject'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'refuses bad input before any change' {
        { Grant-IamBucketAccess -UserName dev1 -BucketName 'Bad_Bucket' -ErrorAction Stop } | Should -Throw -ErrorId 'BucketNameInvalid,IamOps.Cmdlets.GrantIamBucketAccessCommand'
        { Grant-IamBucketAccess -RoleName app -TrustService ec2 -BucketName pester-reports -ErrorAction Stop } | Should -Throw -ErrorId 'ServicePrincipalInvalid,IamOps.Cmdlets.GrantIamBucketAccessCommand'
    }
}

Describe 'Revoke-IamBucketAccess' {
    It 'takes back exactly the grant it is given' {
        'dev2' | Add-IamDeveloper -NoConsoleAccess -CreateMissingGroup | Out-Null
        $grant = Grant-IamBucketAccess -UserName dev2 -BucketName pester-reports -Prefix tmp -Access Write
        ($grant | Revoke-IamBucketAccess).Status | Should -Be 'Removed'
        (Revoke-IamBucketAccess -UserName dev2 -BucketName pester-reports).Status | Should -Be 'Unchanged'
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Test-IamPolicy deciding as AWS does: documents validated first, every policy type, trust policies, organization levels, accounts.

Describe 'Test-IamPolicy validates every document before deciding' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $admin = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
        $role = 'arn:aws:iam::111122223333:role/deploy'
    }

    It 'returns $false with -Quiet for <name> (<policyType>)' -ForEach @(
        (Get-Content (Join-Path $PSScriptRoot '../corpus/invalid-policies.json') -Raw | ConvertFrom-Json).documents | ForEach-Object {
            @{ name = $_.name; policyType = $_.policyType; document = $_.document }
        }
    ) {
        $parameters = switch ($policyType) {
            'Identity' { @{ PolicyDocument = $document } }
            'PermissionsBoundary' { @{ PolicyDocument = $admin; PermissionsBoundary = $document } }
            'Resource' { @{ PolicyDocument = $admin; ResourcePolicy = $document; Resource = 'arn:aws:s3:::b/k' } }
            'Trust' { @{ PolicyDocument = $admin; TrustPolicy = $document; Action = 'sts:AssumeRole'; Resource = $role } }
            'ServiceControl' { @{ PolicyDocument = $admin; ServiceControlPolicy = $document } }
            'ResourceControl' { @{ PolicyDocument = $admin; ResourceControlPolicy = $document } }
        }
        if (-not $parameters.ContainsKey('Action')) { $parameters.Action = 's3:GetObject' }

        Test-IamPolicy @parameters -Quiet -ErrorAction SilentlyContinue -ErrorVariable problems | Should -BeFalse
        $problems.FullyQualifiedErrorId | Should -Contain 'PolicyDocumentMalformed,IamOps.Cmdlets.TestIamPolicyCommand'
    }

    It 'names the document, line and column of the finding in the error record' {
        $file = Join-Path TestDrive: 'bad-version.json'
        Set-Content -Path $file -Value '{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'

        $decisions = Test-IamPolicy -Path $file -Action s3:GetObject -ErrorAction SilentlyContinue -ErrorVariable problems

        $decisions | Should -BeNullOrEmpty
        $problems[0].Exception.Message | Should -Match 'line 1, column 12: INVALID_VERSION'
        $problems[0].TargetObject.Source | Should -BeLike '*bad-version.json'
    }

    It 'lists the nearest action names for an unknown action' {
        { Test-IamPolicy -PolicyDocument $admin -Action s3:GetObjekt -ErrorAction Stop } | Should -Throw -ErrorId 'ActionUnknown,IamOps.Cmdlets.TestIamPolicyCommand'
    }
}

Describe 'Test-IamPolicy with organization levels' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $admin = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
        $full = $admin
        $denyTrail = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}'
        $onlyS3 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
    }

    It '<action> is <expected> with <scps>' -ForEach @(
        @{ scps = 'FullAWSAccess and a deny list at one level'; levels = { , @($full, $denyTrail) }; action = 'cloudtrail:DescribeTrails'; expected = 'Allowed' }
        @{ scps = 'FullAWSAccess and a deny list at one level'; levels = { , @($full, $denyTrail) }; action = 'cloudtrail:StopLogging'; expected = 'ExplicitDeny' }
        @{ scps = 'the root allowing all and an OU allowing only S3'; levels = { @(@($full), @($onlyS3)) }; action = 's3:ListAllMyBuckets'; expected = 'Allowed' }
        @{ scps = 'the root allowing all and an OU allowing only S3'; levels = { @(@($full), @($onlyS3)) }; action = 'ec2:DescribeInstances'; expected = 'ImplicitDeny' }
    ) {
        $decision = Test-IamPolicy -PolicyDocument $admin -Action $action -ServiceControlPolicy (& $levels)

        $decision.Decision | Should -Be $expected
    }

    It 'names the level that does not allow' {
        $decision = Test-IamPolicy -PolicyDocument $admin -Action ec2:DescribeInstances -ServiceControlPolicy @(@($full), @($onlyS3))

        $decision.Explanation | Should -BeLike 'SCP level 2 does not allow ec2:DescribeInstances*'
        $decision.DecidedBy | Should -Be 'ServiceControl'
    }
}

Describe 'Test-IamPolicy with role trust policies' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $role = 'arn:aws:iam::111122223333:role/deploy'
        $alice = 'arn:aws:iam::111122223333:user/alice'
        $allowAssume = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111122223333:role/deploy"}]}'
        $trustAccount = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}'
        $trustAlice = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}'
    }

    It 'is <expected> when <case>' -ForEach @(
        @{ case = 'only the identity policy allows'; identity = $true; trust = $null; mfa = $false; expected = 'ImplicitDeny' }
        @{ case = 'the trust policy names alice and nothing else is given'; identity = $false; trust = 'alice'; mfa = $false; expected = 'Allowed' }
        @{ case = 'the trust policy names the account and no identity policy allows'; identity = $false; trust = 'account'; mfa = $true; expected = 'ImplicitDeny' }
        @{ case = 'the trust policy names the account and the identity policy allows, with MFA'; identity = $true; trust = 'account'; mfa = $true; expected = 'Allowed' }
        @{ case = 'the trust policy needs MFA and the keys are long-term'; identity = $true; trust = 'account'; mfa = $false; expected = 'ImplicitDeny' }
    ) {
        $parameters = @{ PrincipalArn = $alice; Action = 'sts:AssumeRole'; Resource = $role; PolicyDocument = @() }
        if ($identity) { $parameters.PolicyDocument = $allowAssume }
        if ($trust -eq 'alice') { $parameters.TrustPolicy = $trustAlice }
        if ($trust -eq 'account') { $parameters.TrustPolicy = $trustAccount }
        if ($mfa) { $parameters.Context = @{ 'aws:MultiFactorAuthPresent' = $true } }

        (Test-IamPolicy @parameters).Decision | Should -Be $expected
    }

    It 'says which side is missing' {
        $decision = Test-IamPolicy -PolicyDocument @() -TrustPolicy $trustAccount -PrincipalArn $alice -Action sts:AssumeRole -Resource $role -Context @{ 'aws:MultiFactorAuthPresent' = $true }

        $decision.Explanation | Should -Be 'the trust policy names only the account 111122223333, so an identity policy must allow sts:AssumeRole too, and no identity policy allows it'
    }
}

Describe 'Test-IamPolicy across accounts' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $bob = 'arn:aws:iam::444455556666:user/bob'
        $bucket = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:user/bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}'
        $read = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
        $table = 'arn:aws:dynamodb:us-east-1:111122223333:table/orders'
    }

    It 'needs both the bucket policy and bob''s identity policy when the bucket is another account''s' {
        (Test-IamPolicy -ResourcePolicy $bucket -PrincipalArn $bob -Action s3:GetObject -Resource arn:aws:s3:::reports/q1.csv -ResourceAccount 111122223333).Decision | Should -Be 'ImplicitDeny'
        (Test-IamPolicy -PolicyDocument $read -ResourcePolicy $bucket -PrincipalArn $bob -Action s3:GetObject -Resource arn:aws:s3:::reports/q1.csv -ResourceAccount 111122223333).Decision | Should -Be 'Allowed'
    }

    It 'takes the resource account from the ARN when it has one' {
        $decision = Test-IamPolicy -PolicyDocument '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*"}]}' -PrincipalArn $bob -Action dynamodb:GetItem -Resource $table

        $decision.Decision | Should -Be 'ImplicitDeny'
        $decision.Explanation | Should -BeLike 'the resource is in account 111122223333 and the principal in 444455556666*'
    }

    It 'refuses a resource account that is not 12 digits' {
        { Test-IamPolicy -PolicyDocument $read -Action s3:GetObject -ResourceAccount acme -ErrorAction Stop } | Should -Throw -ErrorId 'ResourceAccountInvalid,IamOps.Cmdlets.TestIamPolicyCommand'
    }
}

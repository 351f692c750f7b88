#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pipeline federation: CI providers (GitHub Actions, GitLab, Azure DevOps) reach AWS through OIDC, never stored keys.

Describe 'Trust policies that federate a CI provider' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $provider = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
        function New-GitHubTrust([string] $Condition) {
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"' + $provider + '"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":' + $Condition + '}]}'
        }
    }

    It 'flags a sub of "repo:*" as a security warning that says how to fix it' {
        $trust = New-GitHubTrust '{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}'

        $finding = Test-IamPolicy -PolicyDocument $trust -PolicyType Trust | Where-Object CheckId -EQ 'FEDERATED_CI_SUBJECT_TOO_BROAD'

        $finding.Severity | Should -Be 'SecurityWarning'
        $finding.Message | Should -Match 'repo:<owner>/<repo>'
        Test-IamPolicy -PolicyDocument $trust -PolicyType Trust -Quiet -FailOn SecurityWarning | Should -BeFalse
    }

    It 'flags a trust with no sub condition' {
        $trust = New-GitHubTrust '{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}'

        (Test-IamPolicy -PolicyDocument $trust -PolicyType Trust).CheckId | Should -Contain 'FEDERATED_CI_WITHOUT_SUBJECT'
    }

    It 'passes a trust that names the repository and branch' {
        $trust = New-GitHubTrust '{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}'

        Test-IamPolicy -PolicyDocument $trust -PolicyType Trust -Quiet -FailOn Warning | Should -BeTrue
    }
}

Describe 'Add-IamIdentityProvider' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    BeforeEach { Enter-IamSandbox | Out-Null }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'creates the GitHub Actions provider with the sts.amazonaws.com audience, and a second run changes nothing' {
        $first = Add-IamIdentityProvider -GitHub
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count

        $second = Add-IamIdentityProvider -GitHub

        $first.Status | Should -Be 'Created'
        $first.Arn | Should -Be "arn:aws:iam::$($IamOpsSandbox.AccountId):oidc-provider/token.actions.githubusercontent.com"
        $first.ClientIds | Should -Be @('sts.amazonaws.com')
        $second.Status | Should -Be 'Unchanged'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'merges a new audience into an existing provider' {
        Add-IamIdentityProvider -Url https://token.actions.githubusercontent.com | Out-Null

        $result = Add-IamIdentityProvider -Url https://token.actions.githubusercontent.com -ClientId api://deploy

        $result.Status | Should -Be 'Updated'
        $result.ClientIds | Should -Be @('sts.amazonaws.com', 'api://deploy')
    }

    It 'makes no change with -WhatIf' {
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count

        $result = Add-IamIdentityProvider -AzureDevOps -OrganizationId 6c0a8a5e-1f3b-4c8e-9d2a-0123456789ab -WhatIf

        $result.Status | Should -Be 'WouldChange'
        $result.Url | Should -Be 'https://vstoken.dev.azure.com/6c0a8a5e-1f3b-4c8e-9d2a-0123456789ab'
        $result.ClientIds | Should -Be @('api://AzureADTokenExchange')
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'takes a self-managed GitLab URL as issuer and audience' {
        $result = Add-IamIdentityProvider -GitLab -Url https://gitlab.example.com

        $result.Url | Should -Be 'https://gitlab.example.com'
        $result.ClientIds | Should -Be @('https://gitlab.example.com')
    }

    It 'creates a SAML provider from a metadata file' {
        $certificate = 'A' * 900
        $file = Join-Path $TestDrive 'okta.xml'
        Set-Content -Path $file -Value @"
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk1">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>$certificate</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://acme.okta.com/app/sso/saml"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
"@

        $result = Add-IamIdentityProvider -Name Okta -SamlMetadataDocument $file

        $result.Status | Should -Be 'Created'
        $result.Arn | Should -BeLike '*:saml-provider/Okta'
    }

    It 'refuses <Case> before any call' -ForEach @(
        @{ Case = 'a malformed URL'; Arguments = @{ Url = 'http://token.actions.githubusercontent.com' }; ErrorId = 'IdentityProviderUrlInvalid' }
        @{ Case = 'a URL with a port'; Arguments = @{ Url = 'https://issuer.example.com:8443' }; ErrorId = 'IdentityProviderUrlInvalid' }
        @{ Case = 'an invalid SAML document'; Arguments = @{ Name = 'Okta'; SamlMetadataDocument = '<EntityDescriptor/>' }; ErrorId = 'SamlMetadataInvalid' }
    ) {
        $before = $IamOpsSandbox.CallLog.Calls.Count

        { Add-IamIdentityProvider @Arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"

        $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
    }

    It 'shows a table that fits 80 columns' {
        $lines = Add-IamIdentityProvider -GitHub | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_ }

        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $lines -join "`n" | Should -Match 'token\.actions\.githubusercontent\.com'
    }
}

Describe 'The sandbox as a token issuer' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }
    BeforeEach { Enter-IamSandbox | Out-Null }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'mints a signed JWT for an issuer, subject and audience' {
        $token = $IamOpsSandbox.NewWebIdentityToken('https://token.actions.githubusercontent.com', 'repo:acme/app:ref:refs/heads/main')

        $token.Split('.') | Should -HaveCount 3
        $payload = $token.Split('.')[1].Replace('-', '+').Replace('_', '/')
        $payload += '=' * ((4 - $payload.Length % 4) % 4)
        $claims = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload)) | ConvertFrom-Json
        $claims.sub | Should -Be 'repo:acme/app:ref:refs/heads/main'
        $claims.aud | Should -Be 'sts.amazonaws.com'
        $claims.iss | Should -Be 'https://token.actions.githubusercontent.com'
    }
}

Describe 'Grant-IamRoleAssume for a pipeline' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $github = 'https://token.actions.githubusercontent.com'
        $readOnly = 'arn:aws:iam::aws:policy/ReadOnlyAccess'

        # AssumeRoleWithWebIdentity through the sandbox's STS, as an SDK in the pipeline would call it.
        function Invoke-WebIdentity([string] $Token) {
            $request = [IamOps.Aws.AssumeRoleWithWebIdentityRequest]@{ RoleArn = "arn:aws:iam::$($IamOpsSandbox.AccountId):role/deploy"; RoleSessionName = 'ci'; WebIdentityToken = $Token }
            $IamOpsSandbox.Connect().Sts.AssumeRoleWithWebIdentityAsync($request, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        }
    }
    BeforeEach {
        Enter-IamSandbox | Out-Null
        Add-IamIdentityProvider -GitHub | Out-Null
        $grant = Grant-IamRoleAssume -RoleName deploy -GitHubRepository acme/app -Branch main -PolicyArn $readOnly
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'writes a trust naming the provider, with StringEquals on aud and sub, and a second run changes nothing' {
        $before = $IamOpsSandbox.CallLog.MutatingCalls.Count

        $again = Grant-IamRoleAssume -RoleName deploy -GitHubRepository acme/app -Branch main -PolicyArn $readOnly

        $grant.Status | Should -Be 'Created'
        $grant.GranteeType | Should -Be 'WebIdentity'
        $statement = ($grant.TrustPolicyDocument | ConvertFrom-Json).Statement | Select-Object -First 1
        $statement.Principal.Federated | Should -BeLike '*:oidc-provider/token.actions.githubusercontent.com'
        $statement.Action | Should -Be 'sts:AssumeRoleWithWebIdentity'
        $statement.Condition.StringEquals.'token.actions.githubusercontent.com:sub' | Should -Be 'repo:acme/app:ref:refs/heads/main'
        $statement.Condition.StringEquals.'token.actions.githubusercontent.com:aud' | Should -Be 'sts.amazonaws.com'
        $again.Status | Should -Be 'Unchanged'
        $IamOpsSandbox.CallLog.MutatingCalls.Count | Should -Be $before
    }

    It 'lets a token of acme/app on main assume the role' {
        $session = Invoke-WebIdentity $IamOpsSandbox.NewWebIdentityToken($github, 'repo:acme/app:ref:refs/heads/main')

        $session.Session.AssumedRoleArn | Should -BeLike '*:assumed-role/deploy/ci'
        $session.Subject | Should -Be 'repo:acme/app:ref:refs/heads/main'
    }

    It 'denies <Case> with <ErrorId>' -ForEach @(
        @{ Case = 'another repository'; Subject = 'repo:acme/other:ref:refs/heads/main'; Audience = 'sts.amazonaws.com'; Minutes = 60; ErrorId = 'AwsAccessDenied' }
        @{ Case = 'another branch'; Subject = 'repo:acme/app:ref:refs/heads/feature'; Audience = 'sts.amazonaws.com'; Minutes = 60; ErrorId = 'AwsAccessDenied' }
        @{ Case = 'a wrong audience'; Subject = 'repo:acme/app:ref:refs/heads/main'; Audience = 'api://elsewhere'; Minutes = 60; ErrorId = 'AwsInvalidIdentityToken' }
        @{ Case = 'an expired token'; Subject = 'repo:acme/app:ref:refs/heads/main'; Audience = 'sts.amazonaws.com'; Minutes = -5; ErrorId = 'AwsExpiredTokenException' }
    ) {
        $token = $IamOpsSandbox.NewWebIdentityToken($github, $Subject, $Audience, [TimeSpan]::FromMinutes($Minutes))

        $failure = { Invoke-WebIdentity $token } | Should -Throw -PassThru

        $failure.Exception.InnerException.ErrorId | Should -Be $ErrorId
    }

    It 'creates the provider first with -CreateProvider, and refuses without it' {
        { Grant-IamRoleAssume -RoleName gitlab-deploy -GitLabProject acme/app -Branch main -ErrorAction Stop } | Should -Throw -ErrorId 'IdentityProviderNotFound,*'

        $result = Grant-IamRoleAssume -RoleName gitlab-deploy -GitLabProject acme/app -Branch main -CreateProvider

        $result.Status | Should -Be 'Created'
        $result.TrustedPrincipals | Should -BeLike '*:oidc-provider/gitlab.com'
    }

    It 'refuses a repository without an owner before any call' {
        $before = $IamOpsSandbox.CallLog.Calls.Count

        { Grant-IamRoleAssume -RoleName deploy -GitHubRepository app -ErrorAction Stop } | Should -Throw -ErrorId 'GitHubRepositoryInvalid,*'

        $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
    }

    It 'warns when a generic subject lets every repository in' {
        $null = Grant-IamRoleAssume -RoleName open -OidcProvider $github -Subject 'repo:*' -WarningVariable warned -WarningAction SilentlyContinue

        $warned -join ' ' | Should -Match 'FEDERATED_CI_SUBJECT_TOO_BROAD'
    }
}

Describe 'Invoke-IamRoleAssume with a web identity' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $github = 'https://token.actions.githubusercontent.com'
        $main = 'repo:acme/app:ref:refs/heads/main'
    }
    BeforeEach {
        Enter-IamSandbox | Out-Null
        Add-IamIdentityProvider -GitHub | Out-Null
        $null = Grant-IamRoleAssume -RoleName deploy -GitHubRepository acme/app -Branch main -PolicyArn 'arn:aws:iam::aws:policy/ReadOnlyAccess'
        $roleArn = "arn:aws:iam::$($IamOpsSandbox.AccountId):role/deploy"
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'assumes the role with a token of acme/app on main given as -WebIdentityToken' {
        $session = Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityToken $IamOpsSandbox.NewWebIdentityToken($github, $main) -RoleSessionName ci

        $session.AssumedRoleArn | Should -Be "arn:aws:sts::$($IamOpsSandbox.AccountId):assumed-role/deploy/ci"
        $session.Subject | Should -Be $main
        $session.SecretAccessKey | Should -BeOfType [securestring]
    }

    It 'takes the token as a SecureString' {
        $secure = ConvertTo-SecureString $IamOpsSandbox.NewWebIdentityToken($github, $main) -AsPlainText -Force

        (Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityToken $secure).Subject | Should -Be $main
    }

    It 'reads the token from -WebIdentityTokenFile, a PowerShell path' {
        Set-Content -Path TestDrive:/token -Value $IamOpsSandbox.NewWebIdentityToken($github, $main) -NoNewline

        (Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityTokenFile TestDrive:/token).AssumedRoleArn | Should -BeLike '*:assumed-role/deploy/*'
    }

    It 'honours AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME with no parameters, as the SDKs do' {
        $file = Join-Path $TestDrive 'web-identity-token'
        Set-Content -Path $file -Value $IamOpsSandbox.NewWebIdentityToken($github, $main) -NoNewline
        $saved = @{ File = $env:AWS_WEB_IDENTITY_TOKEN_FILE; Role = $env:AWS_ROLE_ARN; Name = $env:AWS_ROLE_SESSION_NAME }
        try {
            $env:AWS_WEB_IDENTITY_TOKEN_FILE = $file
            $env:AWS_ROLE_ARN = $roleArn
            $env:AWS_ROLE_SESSION_NAME = 'pipeline-42'

            $session = Invoke-IamRoleAssume
        }
        finally {
            $env:AWS_WEB_IDENTITY_TOKEN_FILE = $saved.File
            $env:AWS_ROLE_ARN = $saved.Role
            $env:AWS_ROLE_SESSION_NAME = $saved.Name
        }

        $session.AssumedRoleArn | Should -BeLike '*:assumed-role/deploy/pipeline-42'
    }

    It 'runs a script block as the federated session' {
        $token = $IamOpsSandbox.NewWebIdentityToken($github, $main)

        $arn = Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityToken $token -ScriptBlock { (Get-IamCallerIdentity).Arn }

        $arn | Should -BeLike '*:assumed-role/deploy/*'
    }

    It 'serves the cached session for the same token' {
        $token = $IamOpsSandbox.NewWebIdentityToken($github, $main)
        $null = Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityToken $token

        (Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityToken $token).FromCache | Should -BeTrue
    }

    It 'denies <Case> with <ErrorId>, naming the fix and never the token' -ForEach @(
        @{ Case = 'another repository'; Subject = 'repo:acme/other:ref:refs/heads/main'; Audience = 'sts.amazonaws.com'; Minutes = 60; ErrorId = 'WebIdentityRepositoryNotTrusted'; Fix = 'GitHubRepository acme/other' }
        @{ Case = 'another branch'; Subject = 'repo:acme/app:ref:refs/heads/feature'; Audience = 'sts.amazonaws.com'; Minutes = 60; ErrorId = 'WebIdentityBranchNotTrusted'; Fix = '-Branch feature' }
        @{ Case = 'a wrong audience'; Subject = 'repo:acme/app:ref:refs/heads/main'; Audience = 'api://elsewhere'; Minutes = 60; ErrorId = 'WebIdentityAudienceNotAccepted'; Fix = '-ClientId' }
        @{ Case = 'an expired token'; Subject = 'repo:acme/app:ref:refs/heads/main'; Audience = 'sts.amazonaws.com'; Minutes = -5; ErrorId = 'WebIdentityTokenExpired'; Fix = 'fresh token' }
    ) {
        $token = $IamOpsSandbox.NewWebIdentityToken($github, $Subject, $Audience, [TimeSpan]::FromMinutes($Minutes))

        $failure = { Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityToken $token -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*" -PassThru

        $failure.Exception.Message | Should -BeLike "*$Fix*"
        $failure.Exception.Message | Should -Not -BeLike "*$token*"
    }

    It 'refuses <Case> before any call' -ForEach @(
        @{ Case = 'a text that is not a JWT'; Arguments = @{ WebIdentityToken = 'not-a-jwt' }; ErrorId = 'WebIdentityTokenMalformed' }
        @{ Case = 'a missing token file'; Arguments = @{ WebIdentityTokenFile = 'TestDrive:/missing' }; ErrorId = 'WebIdentityTokenFileUnreadable' }
        @{ Case = 'an invalid SAML document'; Arguments = @{ SamlAssertion = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('<html/>')); PrincipalArn = 'arn:aws:iam::111122223333:saml-provider/Okta' }; ErrorId = 'SamlAssertionInvalid' }
        @{ Case = 'a SAML provider that is no ARN'; Arguments = @{ SamlAssertion = 'PHNhbWwvPg=='; PrincipalArn = 'Okta' }; ErrorId = 'SamlProviderArnInvalid' }
        @{ Case = '-FromGitHubActions outside GitHub Actions'; Arguments = @{ FromGitHubActions = $true }; ErrorId = 'GitHubActionsTokenUnavailable' }
    ) {
        $saved = $env:ACTIONS_ID_TOKEN_REQUEST_URL
        $env:ACTIONS_ID_TOKEN_REQUEST_URL = $null
        $before = $IamOpsSandbox.CallLog.Calls.Count
        try {
            { Invoke-IamRoleAssume -RoleArn $roleArn @Arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
        }
        finally { $env:ACTIONS_ID_TOKEN_REQUEST_URL = $saved }

        $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
    }

    It 'says which variables are missing when called with nothing outside a pipeline' {
        $saved = $env:AWS_WEB_IDENTITY_TOKEN_FILE
        $env:AWS_WEB_IDENTITY_TOKEN_FILE = $null
        try {
            { Invoke-IamRoleAssume -ErrorAction Stop } | Should -Throw -ErrorId 'RoleNotGiven,*'
        }
        finally { $env:AWS_WEB_IDENTITY_TOKEN_FILE = $saved }
    }

    It 'lets a self-managed GitLab project in through -GitLabUrl' {
        $gitlab = 'https://gitlab.example.com'
        $grant = Grant-IamRoleAssume -RoleName gitlab-deploy -GitLabProject acme/app -Branch main -GitLabUrl $gitlab -CreateProvider
        $token = $IamOpsSandbox.NewWebIdentityToken($gitlab, 'project_path:acme/app:ref_type:branch:ref:main', $gitlab)

        $session = Invoke-IamRoleAssume -RoleArn "arn:aws:iam::$($IamOpsSandbox.AccountId):role/gitlab-deploy" -WebIdentityToken $token

        $grant.TrustedPrincipals | Should -BeLike '*:oidc-provider/gitlab.example.com'
        $session.Subject | Should -Be 'project_path:acme/app:ref_type:branch:ref:main'
    }

    It 'refuses a malformed -GitLabUrl before any call' {
        $before = $IamOpsSandbox.CallLog.Calls.Count

        { Grant-IamRoleAssume -RoleName x -GitLabProject acme/app -GitLabUrl http://gitlab.example.com -ErrorAction Stop } | Should -Throw -ErrorId 'IdentityProviderUrlInvalid,*'

        $IamOpsSandbox.CallLog.Calls.Count | Should -Be $before
    }
}

Describe 'Invoke-IamRoleAssume with a SAML assertion' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $entityId = 'http://www.okta.com/exk1'
    }
    BeforeEach {
        Enter-IamSandbox | Out-Null
        # The sandbox as the identity provider: its metadata carries the certificate it signs Responses with.
        $provider = (Add-IamIdentityProvider -Name Okta -SamlMetadataDocument $IamOpsSandbox.NewSamlMetadata($entityId)).Arn
        $null = Grant-IamRoleAssume -RoleName sso -SamlProvider $provider
        $roleArn = "arn:aws:iam::$($IamOpsSandbox.AccountId):role/sso"
    }
    AfterEach { Exit-IamSandbox -WarningAction SilentlyContinue }

    It 'assumes the role a signed assertion pairs with the provider' {
        $session = Invoke-IamRoleAssume -RoleArn $roleArn -SamlAssertion $IamOpsSandbox.NewSamlAssertion($provider, $roleArn, 'alice@example.com') -PrincipalArn $provider

        $session.AssumedRoleArn | Should -BeLike '*:assumed-role/sso/alice@example.com'
    }

    It 'rejects an assertion whose role attribute was changed after signing' {
        $null = Grant-IamRoleAssume -RoleName admin -SamlProvider $provider
        $adminArn = "arn:aws:iam::$($IamOpsSandbox.AccountId):role/admin"
        $xml = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($IamOpsSandbox.NewSamlAssertion($provider, $roleArn, 'alice@example.com')))
        $tampered = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($xml.Replace("$roleArn,$provider", "$adminArn,$provider")))

        { Invoke-IamRoleAssume -RoleArn $adminArn -SamlAssertion $tampered -PrincipalArn $provider -ErrorAction Stop } | Should -Throw -ErrorId 'SamlAssertionRejected,*'
    }

    It 'rejects <Case> with <ErrorId>' -ForEach @(
        @{ Case = 'an assertion from another issuer'; Minutes = 5; Other = $true; ErrorId = 'SamlAssertionRejected' }
        @{ Case = 'an expired assertion'; Minutes = -1; Other = $false; ErrorId = 'SamlAssertionExpired' }
    ) {
        $from = $provider
        if ($Other) {
            $from = (Add-IamIdentityProvider -Name Evil -SamlMetadataDocument $IamOpsSandbox.NewSamlMetadata('http://evil.example.com')).Arn
        }
        $xml = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($IamOpsSandbox.NewSamlAssertion($from, $roleArn, 'alice@example.com', [TimeSpan]::FromMinutes($Minutes))))
        $assertion = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($xml.Replace("$roleArn,$from", "$roleArn,$provider")))

        { Invoke-IamRoleAssume -RoleArn $roleArn -SamlAssertion $assertion -PrincipalArn $provider -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"
    }
}

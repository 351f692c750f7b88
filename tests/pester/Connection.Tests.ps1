#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Connecting as AWS.Tools does: profiles, parameters, environment; Get-IamCallerIdentity.

Describe 'Get-IamCallerIdentity' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        $credentials = Join-Path $TestDrive 'credentials'
        Set-Content -Path $credentials -Value @(
            '[dev]'
            'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'
            'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
        )
    }

    It 'names the account and principal of the sandbox administrator' {
        Enter-IamSandbox -AccountId 111122223333 | Out-Null
        try {
            $me = Get-IamCallerIdentity
            $me.Account | Should -Be '111122223333'
            $me.Arn | Should -Match '^arn:aws:iam::111122223333:'
            $me | Should -BeOfType ([IamOps.Aws.CallerIdentity])
        }
        finally { Exit-IamSandbox }
    }

    It 'refuses <Name> with error id <Id> before any call' -ForEach @(
        @{ Name = 'an unknown region'; Splat = @{ Region = 'moon-base-1'; AccessKey = 'AKIAIOSFODNN7EXAMPLE'; SecretKey = 'x' }; Id = 'RegionInvalid' }
        @{ Name = 'an endpoint that is not a URL'; Splat = @{ EndpointUrl = 'not a url'; AccessKey = 'AKIAIOSFODNN7EXAMPLE'; SecretKey = 'x' }; Id = 'EndpointUrlInvalid' }
        @{ Name = 'a secret key without an access key'; Splat = @{ SecretKey = 'x' }; Id = 'AccessKeyIncomplete' }
    ) {
        { Get-IamCallerIdentity @Splat -ErrorAction Stop } | Should -Throw -ErrorId "$Id,IamOps.Cmdlets.GetIamCallerIdentityCommand"
    }

    It 'names the fix for an unknown profile' {
        Get-IamCallerIdentity -ProfileName no-such-profile -ProfileLocation $credentials -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $problems[0].Exception.Message | Should -Match 'aws configure --profile no-such-profile'
    }

    It 'binds profiles from the pipeline by property name, one error per bad item' {
        $rows = 'a', 'b' | ForEach-Object { [pscustomobject]@{ ProfileName = $_; ProfileLocation = $credentials } }
        $rows | Get-IamCallerIdentity -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 2
    }

    It 'accepts the AWS.Tools aliases <_>' -ForEach @('StoredCredentials', 'AWSProfileName', 'AK', 'SK', 'ST', 'AWSProfilesLocation', 'ProfilesLocation') {
        (Get-Command Get-IamCallerIdentity).Parameters.Values.Aliases | Should -Contain $_
    }

    It 'never prints the secret key of a profile in an error' {
        Get-IamCallerIdentity -ProfileName dev -ProfileLocation $credentials -EndpointUrl 'http://127.0.0.1:9' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -BeGreaterThan 0
        ($problems | Out-String) + ($problems.Exception | Out-String) | Should -Not -Match 'wJalrXUtnFEMI'
    }

    It 'uses AWS_PROFILE from the environment' {
        $env:AWS_PROFILE = 'not-in-file'
        $env:AWS_SHARED_CREDENTIALS_FILE = $credentials
        try {
            Get-IamCallerIdentity -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems[0].Exception.Message | Should -Match 'not-in-file'
        }
        finally { Remove-Item Env:AWS_PROFILE, Env:AWS_SHARED_CREDENTIALS_FILE }
    }
}

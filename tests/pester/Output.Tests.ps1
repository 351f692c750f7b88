#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# What comes out: typed objects that survive ConvertTo-Json without a secret in clear, and views that read at 80 columns.

Describe 'Result objects' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
        Enter-IamSandbox | Out-Null
        $IamOpsSandbox.AddBucket('acme-reports', 'us-east-1', $IamOpsSandbox.AccountId)
        $credentialFile = Join-Path $TestDrive 'secrets.csv'

        $baseline = New-IamAdminBaseline -AccountAlias acme-out -AdminUserName admin1 -ProgrammaticAccess -CredentialFile $credentialFile
        $developer = Add-IamDeveloper -UserName dana -GroupName Developers -CreateMissingGroup -ProgrammaticAccess
        $bucket = $developer | Grant-IamBucketAccess -BucketName acme-reports -Access Read
        $grant = $developer | Grant-IamRoleAssume -RoleName deployer
        $session = Invoke-IamRoleAssume -RoleName deployer -AccessKey $developer.AccessKeyId -SecretKey $developer.SecretAccessKey -NoCache
        $finding = Test-IamPolicy -PolicyDocument '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}' | Select-Object -First 1
        $decision = Test-IamPolicy -PolicyDocument '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' -Action s3:GetObject -Resource 'arn:aws:s3:::b/k'
        $identity = Get-IamCallerIdentity
        $mfaSession = Get-IamSessionToken -NoCache
        $revoke = Revoke-IamRoleAssume -RoleName deployer -UserName dana -Confirm:$false
        Add-IamDeveloper -UserName leaver -NoConsoleAccess -GroupName Developers | Out-Null
        $removal = Remove-IamDeveloper -UserName leaver -Confirm:$false

        $secrets = @(
            [Net.NetworkCredential]::new('', $developer.InitialPassword).Password
            [Net.NetworkCredential]::new('', $developer.SecretAccessKey).Password
            [Net.NetworkCredential]::new('', $session.SecretKey).Password
            [Net.NetworkCredential]::new('', $session.SessionToken).Password
            [Net.NetworkCredential]::new('', $mfaSession.SecretAccessKey).Password
            [Net.NetworkCredential]::new('', $mfaSession.SessionToken).Password
        ) + @((Import-Csv $credentialFile).ForEach({ $_.Password; $_.'Secret access key' }) | Where-Object { $_ })

        $results = @(
            @{ Name = 'baseline control'; Value = $baseline | Where-Object Control | Select-Object -First 1 }
            @{ Name = 'developer'; Value = $developer }
            @{ Name = 'bucket grant'; Value = $bucket }
            @{ Name = 'role grant'; Value = $grant }
            @{ Name = 'role session'; Value = $session }
            @{ Name = 'finding'; Value = $finding }
            @{ Name = 'decision'; Value = $decision }
            @{ Name = 'caller identity'; Value = $identity }
            @{ Name = 'MFA session'; Value = $mfaSession }
            @{ Name = 'role revoke'; Value = $revoke }
            @{ Name = 'offboarding'; Value = $removal }
        )
    }
    AfterAll { Exit-IamSandbox }

    It 'has real secrets to look for' {
        $secrets.Count | Should -BeGreaterOrEqual 7
        $secrets | ForEach-Object { $_.Length | Should -BeGreaterThan 8 }
    }

    It 'keeps every secret out of ConvertTo-Json of the <Name> result' -ForEach @(
        'baseline control', 'developer', 'bucket grant', 'role grant', 'role session', 'finding', 'decision', 'caller identity',
        'MFA session', 'role revoke', 'offboarding'
    ) {
        $name = $_
        $value = ($results | Where-Object { $_.Name -eq $name }).Value
        $value | Should -Not -BeNullOrEmpty
        $json = $value | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue
        foreach ($secret in $secrets) { $json.Contains($secret) | Should -BeFalse -Because "the $name result must not hold a secret in clear" }
    }

    It 'renders the <Name> result as a table and a list at 80 columns' -ForEach @(
        'baseline control', 'developer', 'bucket grant', 'role grant', 'role session', 'finding', 'decision', 'caller identity',
        'MFA session', 'role revoke', 'offboarding'
    ) {
        $name = $_
        $value = ($results | Where-Object { $_.Name -eq $name }).Value
        $table = $value | Format-Table | Out-String -Width 80
        $list = $value | Format-List | Out-String -Width 80
        $table.Trim() | Should -Not -BeNullOrEmpty
        ($table -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        $list | Should -Not -Match 'System\.Collections\.Generic'
        foreach ($secret in $secrets) { ($table + $list).Contains($secret) | Should -BeFalse }
    }

    It 'shows the status of a developer in the default table view' {
        ($developer | Out-String -Width 80) | Should -Match 'Created'
    }

    It 'carries its own type names for views and Export-Csv' {
        $developer.PSObject.TypeNames[0] | Should -Be 'IamOps.Developers.DeveloperResult'
        $bucket.PSObject.TypeNames[0] | Should -Be 'IamOps.BucketAccess.BucketAccessResult'
    }
}

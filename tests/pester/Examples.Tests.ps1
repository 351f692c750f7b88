#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Every example script, run the way the README says a pwsh user runs it: a fresh pwsh with the module imported.

Describe 'The example scripts' {
    BeforeAll {
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        # This pwsh (a dotnet tool or an installed one), in a new process.
        function Invoke-FreshPwsh { & (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')) @args }
    }

    It '<_> runs to the end in a fresh pwsh and exits 0' -ForEach @(
        'quickstart.ps1', 'secure-new-account.ps1', 'onboard-team-from-csv.ps1', 'ec2-role-one-bucket.ps1',
        'roles-to-assume.ps1', 'policy-ci-gate.ps1', 'offboard-developer.ps1', 'audit-and-clean-up.ps1', 'pipeline-federation.ps1'
    ) {
        Push-Location $TestDrive
        try {
            $output = Invoke-FreshPwsh -NoProfile -NonInteractive -Command "Import-Module '$root/IamOps.psd1'; & '$root/examples/$_'; exit `$LASTEXITCODE" 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        }
        finally { Pop-Location }
    }

    It 'the CI gate exits non-zero when a policy in its folder fails the lint' {
        $policies = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'bad-policies')
        Set-Content -Path (Join-Path $policies 'wide.json') -Value '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}'
        Invoke-FreshPwsh -NoProfile -NonInteractive -Command "Import-Module '$root/IamOps.psd1'; & '$root/examples/policy-ci-gate.ps1' -PolicyFolder '$policies'; exit `$LASTEXITCODE" *> $null
        $LASTEXITCODE | Should -Not -Be 0
    }
}

#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The module as pwsh loads it: manifest, import and re-import, help, other runspaces.

Describe 'The IamOps module' {
    BeforeAll {
        $manifestPath = Join-Path $PSScriptRoot '../../IamOps.psd1'
        Import-Module $manifestPath -Force
        $manifest = Import-PowerShellDataFile $manifestPath
        # This pwsh (a dotnet tool or an installed one), in a new process.
        function Invoke-FreshPwsh { & (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')) @args }
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports exactly the cmdlets its manifest names' {
        (Get-Command -Module IamOps).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        (Get-Command -Module IamOps).Verb | ForEach-Object { $approved | Should -Contain $_ }
    }

    It 'imports a second time with -Force and still works' {
        Import-Module $manifestPath -Force
        Enter-IamSandbox | Out-Null
        try { (Get-IamCallerIdentity).Arn | Should -Match ':user/Administrator$' } finally { Exit-IamSandbox }
    }

    It 'can be removed and imported again in the same session' {
        Remove-Module IamOps
        Get-Command -Module IamOps -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Import-Module $manifestPath
        Enter-IamSandbox | Out-Null
        try { (Add-IamDeveloper -UserName again -NoConsoleAccess -GroupName Developers -CreateMissingGroup).Status | Should -Be 'Created' }
        finally { Exit-IamSandbox }
    }

    It 'loads no AWS SDK assembly until a cmdlet needs one' {
        # This session has run cmdlets already: only a fresh process shows what the import alone loads.
        $loaded = Invoke-FreshPwsh -NoProfile -NonInteractive -Command "Import-Module '$manifestPath'; [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -like 'AWSSDK.*'"
        $loaded | Should -BeNullOrEmpty
    }

    It 'works in a second runspace (Start-ThreadJob) with its own sandbox' {
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:manifestPath
            Enter-IamSandbox -AccountId 999988887777 | Out-Null
            $result = Add-IamDeveloper -UserName threaded -NoConsoleAccess -GroupName Developers -CreateMissingGroup
            [pscustomobject]@{ Account = (Get-IamCallerIdentity).Account; Status = $result.Status }
            Exit-IamSandbox
        }
        $out = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        $out.Account | Should -Be '999988887777'
        $out.Status | Should -Be 'Created'
    }

    It 'runs two sandboxes side by side in thread jobs without mixing them' {
        $jobs = 1..2 | ForEach-Object {
            Start-ThreadJob -ArgumentList $_ -ScriptBlock {
                param($n)
                Import-Module $using:manifestPath
                Enter-IamSandbox -AccountId ('{0}00000000000' -f $n) | Out-Null
                Add-IamDeveloper -UserName "user$n" -NoConsoleAccess -GroupName Developers -CreateMissingGroup | Out-Null
                (Get-IamCallerIdentity).Account
                Exit-IamSandbox
            }
        }
        $accounts = $jobs | Wait-Job -Timeout 120 | Receive-Job
        $jobs | Remove-Job -Force
        $accounts | Sort-Object | Should -Be '100000000000', '200000000000'
    }
}

BeforeDiscovery {
    # Every cmdlet the manifest exports gets its own help case, so a new cmdlet is covered the day it is added.
    $exported = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../IamOps.psd1')).CmdletsToExport
}

Describe 'Help' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../IamOps.psd1') -Force
    }

    It 'Get-Help <_> -Full has a synopsis, a description and examples with code' -ForEach $exported {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$_\s"
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 1
        @($help.examples.example)[0].code | Should -Match $_
    }

    It 'describes every parameter of every cmdlet' {
        foreach ($command in Get-Command -Module IamOps) {
            $help = Get-Help $command.Name -Full
            foreach ($parameter in @($help.parameters.parameter | Where-Object name)) {
                ($parameter.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) of $($command.Name) needs a description"
            }
        }
    }
}

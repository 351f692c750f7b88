#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and packages IamOps.
.DESCRIPTION
    Plain functions over the dotnet CLI, so every step can also be run with dotnet alone (see README.md).
    Test runs 'dotnet test': the xunit projects and the Pester suite in tests/pester, which runs in the repository's
    pinned pwsh 7.6.10 (dotnet tool restore) with Pester 5.9.1 restored from NuGet.
.EXAMPLE
    ./build.ps1
    Builds the solution in Debug; afterwards Import-Module ./IamOps.psd1 loads the new build.
.EXAMPLE
    ./build.ps1 -Task Test -Configuration Release
.EXAMPLE
    ./build.ps1 -Task Package
    Builds in Release and writes the module folder out/IamOps/<version>/ and the package out/IamOps.<version>.nupkg.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$configurationGiven = $PSBoundParameters.ContainsKey('Configuration')

function Invoke-Dotnet {
    param([string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet @('build', (Join-Path $root 'IamOps.sln'), '--configuration', $Configuration)
}

function Invoke-Test {
    # 'dotnet test' runs everything, the Pester suite included: in the repository's pinned pwsh 7.6.10
    # (.config/dotnet-tools.json) with Pester 5.9.1 from NuGet, whatever pwsh and Pester run this script.
    Invoke-Dotnet @('test', (Join-Path $root 'IamOps.sln'), '--configuration', $Configuration)
}

function Invoke-Package {
    # The same command as without pwsh (README, "Package"): out/IamOps/<version>/ and out/IamOps.<version>.nupkg.
    # A package is a release build unless -Configuration says otherwise.
    $packageConfiguration = if ($configurationGiven) { $Configuration } else { 'Release' }
    Invoke-Dotnet @('pack', (Join-Path $root 'src/IamOps.Package/IamOps.Package.proj'), '--configuration', $packageConfiguration)
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
    }
}

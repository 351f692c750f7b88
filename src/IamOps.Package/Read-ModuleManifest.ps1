<#
.SYNOPSIS
    Reads a module manifest with PowerShell's own reader and writes what packaging needs, one file per value.
.DESCRIPTION
    Run by IamOps.Package.proj in the repository's pinned pwsh (dotnet pwsh). It writes <Name>.txt files into
    -OutputFolder that the project reads with File.ReadAllText into NuGet's pack properties, so no value has to survive
    a command line or MSBuild's item syntax: PackageId, ModuleVersion, PackageVersion, Authors, Description, Copyright,
    ProjectUrl, LicenseUrl, ReleaseNotes, RequireLicenseAcceptance, Tags (one a line, with the gallery's PSModule,
    PSIncludes_*, PSCmdlet_*, PSFunction_* and PSCommand_* tags) and Files (one line per file the manifest names).
#>
param(
    [Parameter(Mandatory)] [string] $ManifestPath,
    [Parameter(Mandatory)] [string] $OutputFolder
)

$ErrorActionPreference = 'Stop'

function Stop-Packaging([string] $Code, [string] $Message) {
    # MSBuild's canonical error format, so the Exec task reports the code and the file.
    [Console]::Out.WriteLine("${ManifestPath} : error ${Code}: $Message")
    exit 1
}

try {
    $manifest = Import-PowerShellDataFile -LiteralPath $ManifestPath
}
catch {
    Stop-Packaging 'IAMOPSPKG001' "The manifest could not be read: $($_.Exception.Message)"
}

$psData = if ($manifest.PrivateData -is [hashtable] -and $manifest.PrivateData.PSData -is [hashtable]) { $manifest.PrivateData.PSData } else { @{} }
if ($manifest.RequiredModules) {
    Stop-Packaging 'IAMOPSPKG003' 'The manifest has RequiredModules, which packaging does not turn into package dependencies yet; add that to Read-ModuleManifest.ps1 (PackageReference-free dependencies need a nuspec).'
}

$cmdlets = @($manifest.CmdletsToExport | Where-Object { $_ } | ForEach-Object { "$_" })
$functions = @($manifest.FunctionsToExport | Where-Object { $_ } | ForEach-Object { "$_" })
if (@($cmdlets + $functions | Where-Object { $_.Contains('*') }).Count -gt 0) {
    Stop-Packaging 'IAMOPSPKG004' "CmdletsToExport and FunctionsToExport must list names, not wildcards: the package's command tags are made from them."
}

$tags = [System.Collections.Generic.List[string]]::new()
$psData.Tags | Where-Object { $_ } | ForEach-Object { $tags.Add("$_") }
$tags.Add('PSModule')
if ($cmdlets) { $tags.Add('PSIncludes_Cmdlet') }
if ($functions) { $tags.Add('PSIncludes_Function') }
$cmdlets | ForEach-Object { $tags.Add("PSCmdlet_$_"); $tags.Add("PSCommand_$_") }
$functions | ForEach-Object { $tags.Add("PSFunction_$_"); $tags.Add("PSCommand_$_") }

# Files the manifest names beside itself ship too. Module and assembly keys name a file only when they have a file's
# extension (else a module or assembly name such as Microsoft.PowerShell.Utility); a nested module may be a table.
$moduleFileExtensions = '.dll', '.exe', '.psm1', '.psd1', '.ps1', '.cdxml', '.xaml'
$paths = @(
    'ScriptsToProcess', 'TypesToProcess', 'FormatsToProcess', 'FileList' | ForEach-Object { $manifest[$_] }
    'RootModule', 'ModuleToProcess', 'NestedModules', 'RequiredAssemblies' | ForEach-Object { $manifest[$_] } |
        ForEach-Object { if ($_ -is [hashtable]) { $_.ModuleName } else { $_ } } |
        Where-Object { $moduleFileExtensions -contains [System.IO.Path]::GetExtension("$_") }
)
$files = $paths | Where-Object { $_ } | ForEach-Object { "$_".Replace('\', '/') -replace '^\./', '' } |
    Where-Object { $_ -and -not [System.IO.Path]::IsPathRooted($_) -and ($_ -split '/') -notcontains '..' } |
    Select-Object -Unique

$version = "$($manifest.ModuleVersion)"
$values = [ordered]@{
    PackageId                = [System.IO.Path]::GetFileNameWithoutExtension($ManifestPath)
    ModuleVersion            = $version
    PackageVersion           = if ($psData.Prerelease) { "$version-$($psData.Prerelease)" } else { $version }
    Authors                  = "$($manifest.Author)"
    Description              = "$($manifest.Description)"
    Copyright                = "$($manifest.Copyright)"
    ProjectUrl               = "$($psData.ProjectUri)"
    LicenseUrl               = "$($psData.LicenseUri)"
    ReleaseNotes             = "$($psData.ReleaseNotes)"
    RequireLicenseAcceptance = if ($psData.RequireLicenseAcceptance) { 'true' } else { 'false' }
    Tags                     = ($tags | Select-Object -Unique -CaseInsensitive) -join "`n"
    Files                    = ($files | Sort-Object) -join "`n"
}

$null = New-Item -ItemType Directory -Force -Path $OutputFolder
foreach ($entry in $values.GetEnumerator()) {
    [System.IO.File]::WriteAllText((Join-Path $OutputFolder "$($entry.Key).txt"), $entry.Value)
}

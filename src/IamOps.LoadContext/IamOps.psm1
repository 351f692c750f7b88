# IamOps' root module: it decides where IamOps.dll is loaded, then re-exports its cmdlets (the manifest's
# CmdletsToExport still decides which). The design and its limits: src/IamOps/ModuleLoading.md.
#
# PowerShell 7: IamOps.dll, AWSSDK.* and the rest of bin/ load into a private AssemblyLoadContext ("IamOps"), so an
# AWSSDK.Core of another version that another module (AWS.Tools) loaded never meets ours. Windows PowerShell 5.1 has no
# load contexts: IamOps.dll is imported as it is. IAMOPS_LOAD_CONTEXT=Default makes PowerShell 7 do the same (to
# diagnose, and to test that path); it brings the version conflicts back.
$moduleAssembly = [System.IO.Path]::Combine($PSScriptRoot, 'IamOps.dll')
if ($PSEdition -eq 'Core' -and $env:IAMOPS_LOAD_CONTEXT -ne 'Default') {
    # One loader per process: another IamOps folder's copy may have loaded it already.
    $loader = 'IamOps.LoadContext.ModuleLoadContext' -as [type]
    if ($null -eq $loader) {
        $loaderPath = [System.IO.Path]::Combine($PSScriptRoot, 'IamOps.LoadContext.dll')
        $loader = [System.Reflection.Assembly]::LoadFrom($loaderPath).GetType('IamOps.LoadContext.ModuleLoadContext', $true)
    }

    $cmdletModule = Import-Module -Assembly $loader::LoadModule($moduleAssembly) -PassThru
}
else {
    $cmdletModule = Import-Module -Name $moduleAssembly -PassThru
}

# Import-Module -Assembly reuses a module it still knows for that assembly without importing its cmdlets again, so a
# later Import-Module -Force, or Remove-Module then Import-Module, would export nothing: forget it along with this module.
$ExecutionContext.SessionState.Module.OnRemove = { Remove-Module -ModuleInfo $cmdletModule -Force }.GetNewClosure()

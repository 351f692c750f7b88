@{
    RootModule        = 'IamOps.Coexistence.Decoy.dll'
    ModuleVersion     = '4.1.0'
    GUID              = 'c4e1a0d2-6f0b-4a57-9a43-2f8d7b1e6c10'
    Description       = 'Test stand-in for AWS.Tools 4.x: a module on AWSSDK.Core 3.7, loaded into the default load context.'
    CmdletsToExport   = @('Get-DecoyAwsSdk')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}

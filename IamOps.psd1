@{
    # The module is built into bin/ next to this manifest by 'dotnet build' (see README). No root module: the nested
    # loader imports bin/IamOps.dll, on PowerShell 7 into a private load context (src/IamOps/ModuleLoading.md).
    NestedModules         = @('bin/IamOps.LoadContext.dll')
    ModuleVersion         = '0.1.0'
    GUID                  = '5b0f2b6e-8f3c-4b8e-9d0a-3c7e1f4a9b21'
    Author                = 'IamOps contributors'
    CompanyName           = 'IamOps'
    Copyright             = '(c) IamOps contributors. Apache-2.0.'
    Description           = 'Idempotent, pipeline-friendly AWS IAM and STS chores: account baseline, developer onboarding, least-privilege S3 grants, role assumption, and offline policy linting and evaluation.'
    CompatiblePSEditions  = @('Core', 'Desktop')
    PowerShellVersion     = '5.1'
    FormatsToProcess      = @('bin/IamOps.Format.ps1xml')
    CmdletsToExport       = @(
        'Add-IamDeveloper'
        'Enter-IamSandbox'
        'Exit-IamSandbox'
        'Get-IamCallerIdentity'
        'Grant-IamBucketAccess'
        'Grant-IamRoleAssume'
        'Invoke-IamRoleAssume'
        'New-IamAdminBaseline'
        'Remove-IamDeveloper'
        'Revoke-IamBucketAccess'
        'Revoke-IamRoleAssume'
        'Test-IamPolicy'
    )
    FunctionsToExport     = @()
    AliasesToExport       = @()
    VariablesToExport     = @()
    PrivateData           = @{
        PSData = @{
            Tags         = @('AWS', 'IAM', 'STS', 'Security', 'Policy', 'Idempotent', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/iamops/IamOps'
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = '0.1.0: foundation - connection parameters as in AWS.Tools, Get-IamCallerIdentity, a host for machines without pwsh.'
        }
    }
}

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
        'Add-IamIdentityProvider'
        'Disable-IamStaleCredential'
        'Enter-IamSandbox'
        'Exit-IamSandbox'
        'Get-IamCallerIdentity'
        'Get-IamCredentialReport'
        'Get-IamLastAccessed'
        'Get-IamMfaCode'
        'Get-IamOrganizationAccount'
        'Get-IamSecurityReport'
        'Get-IamSessionToken'
        'Grant-IamBucketAccess'
        'Grant-IamRoleAssume'
        'Invoke-IamInAccount'
        'Invoke-IamRoleAssume'
        'New-IamAdminBaseline'
        'New-IamLeastPrivilegePolicy'
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
            ReleaseNotes = @'
0.1.0, the first release:
- Connection parameters, profiles (mfa_serial, SSO, role_arn) and environment as in AWS.Tools; coexists with AWS.Tools in one session.
- New-IamAdminBaseline: CIS AWS Foundations v7.0 account baseline (alias, password policy, admin group and users, IamOps-RequireMFA, virtual MFA), re-runnable, one row per control.
- Add-IamDeveloper: developers one at a time or from a CSV, with groups, tags, boundary, access keys and virtual MFA devices.
- Grant-IamBucketAccess / Revoke-IamBucketAccess: least-privilege S3 access for users, groups and roles (EC2 instance profiles included).
- Grant-IamRoleAssume / Invoke-IamRoleAssume: who may assume a role, and assuming it (MFA, external id, cached sessions).
- Remove-IamDeveloper / Revoke-IamRoleAssume: offboarding in IAM's order (or -Disable), undoing role grants, revoking live role sessions.
- Get-IamSessionToken and Get-IamMfaCode: MFA sessions for accounts that require MFA, and the current code of a device whose seed you hold.
- Get-IamCredentialReport: the credential report as typed objects (root included, UTC times, ages in days), generated when missing or older than -MaxAge.
- Disable-IamStaleCredential: plan-first clean-up by the CIS rules: unused keys deactivated (-Delete: inactive ones deleted), unused console passwords removed, old keys rotated over a grace period; -Exclude by name or tag.
- Get-IamSecurityReport: the account's IAM posture as findings with severity and fix (root, MFA, stale and old credentials, inline and *:* user policies, cross-account trust without external id, unused roles); -OutFile writes a self-contained HTML page or Markdown.
- Get-IamLastAccessed / New-IamLeastPrivilegePolicy: Access Advisor's data as objects (services and tracked actions, granted but unused in -Days), and a right-sized managed policy cut from it, linted and written plan-first.
- Test-IamPolicy: offline policy lint and evaluation, -FailOn for CI gates.
- Add-IamIdentityProvider and Grant-IamRoleAssume -GitHubRepository / -GitLabProject / -AzureDevOpsServiceConnection / -OidcProvider / -SamlProvider: pipelines reach AWS through OIDC federation without stored keys; Test-IamPolicy flags a federated trust whose sub lets every repository in.
- Enter-IamSandbox: a simulated account (users, roles, MFA devices, buckets, instances) to try all of it without AWS.
- Get-IamOrganizationAccount: an organization's accounts (typed, with OU paths) through AWS Organizations; Enter-IamSandbox -MemberAccount simulates an organization (member accounts, OrganizationAccountAccessRole, SCPs).
- Invoke-IamInAccount: any chore in many accounts at once, in parallel, as each account's OrganizationAccountAccessRole; failing accounts reported, the others finish.
'@
        }
    }
}

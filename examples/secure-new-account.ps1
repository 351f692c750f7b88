# Seed scenario: secure a new AWS account.
# Root checks, account alias, CIS password policy, an Administrators group, an admin user with console access and MFA
# enforcement; first as a plan (-WhatIf), then for real, then again to show that a second run changes nothing.
#
#   dotnet run --project src/IamOps.Host -- -File examples/secure-new-account.ps1
#   pwsh: Import-Module ./IamOps.psd1; ./examples/secure-new-account.ps1
#
# It runs in the sandbox (a simulated account). Against AWS, leave out Enter-IamSandbox and pass your usual
# -ProfileName/-Region (or nothing: AWS_PROFILE and the default profile work as with AWS.Tools).
param(
    [string] $AccountAlias = 'acme-prod-example',
    [string[]] $AdminUserName = @('alice')
)

$ErrorActionPreference = 'Stop'
Enter-IamSandbox | Out-Null

'== The plan (-WhatIf: nothing is changed) =='
$plan = New-IamAdminBaseline -AccountAlias $AccountAlias -AdminUserName $AdminUserName -WhatIf
$plan | Out-Host
$callsAfterPlan = @($IamOpsSandbox.CallLog.MutatingCalls).Count
"Mutating calls made by -WhatIf: $callsAfterPlan"
if ($callsAfterPlan -ne 0) { throw '-WhatIf must not change anything.' }

'== Apply =='
$first = New-IamAdminBaseline -AccountAlias $AccountAlias -AdminUserName $AdminUserName
$first | Out-Host
$needsPeople = @($first | Where-Object Status -eq 'ActionRequired')
"Controls only a person can finish (root MFA, billing access): $($needsPeople.Count)"

'== Run it again: nothing changes =='
$before = @($IamOpsSandbox.CallLog.MutatingCalls).Count
$second = New-IamAdminBaseline -AccountAlias $AccountAlias -AdminUserName $AdminUserName
$changed = @($second | Where-Object Status -eq 'Changed')
"Changed on the second run: $($changed.Count); mutating calls: $(@($IamOpsSandbox.CallLog.MutatingCalls).Count - $before)"
if ($changed.Count -ne 0) { throw 'A second run must change nothing.' }

Exit-IamSandbox

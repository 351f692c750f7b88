# Seed scenario: the way back from onboarding. The team is onboarded from CSV, erik is granted a role and assumes it;
# the role's live sessions are revoked (his old session is refused at its next call, a new one works); then erik is
# offboarded with -Disable (kept for the audit trail, no way in) and finally removed, with every dependent in IAM's
# order. A second removal changes nothing.
#
#   dotnet run --project src/IamOps.Host -- -File examples/offboard-developer.ps1
param(
    [string] $RoleName = 'deployer'
)

$ErrorActionPreference = 'Stop'
Enter-IamSandbox | Out-Null

try {
    '== Onboard the team from CSV =='
    # In real use add -CredentialFile: the new secret key is shown nowhere else.
    $team = Import-Csv (Join-Path $PSScriptRoot 'data/team.csv') | Add-IamDeveloper -CreateMissingGroup
    $team | Format-Table UserName, Status, AccessKeyId | Out-Host
    $erik = $team | Where-Object UserName -eq 'erik'

    '== Grant erik a read-only role; he assumes it with his own key =='
    $erik | Grant-IamRoleAssume -RoleName $RoleName -PolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess | Out-Host
    $assume = @{ RoleName = $RoleName; AccessKey = $erik.AccessKeyId; SecretKey = $erik.SecretAccessKey; NoCache = $true }
    $old = Invoke-IamRoleAssume @assume
    # Any IAM call as the session: read the role's own policies.
    $null = Test-IamPolicy -RoleName $RoleName -Action s3:GetObject -Credential $old
    'The session works before the revocation.'

    '== Incident response: revoke every live session of the role =='
    Revoke-IamRoleAssume -RoleName $RoleName -RevokeSessions -Confirm:$false | Out-Host
    try {
        $null = Test-IamPolicy -RoleName $RoleName -Action s3:GetObject -Credential $old
        throw 'FAIL: the old session must be refused.'
    }
    catch [System.Management.Automation.RuntimeException] {
        if ($_.FullyQualifiedErrorId -notlike 'AwsAccessDenied,*') { throw }
        "Old session refused: $($_.FullyQualifiedErrorId)"
    }

    $new = Invoke-IamRoleAssume @assume
    $null = Test-IamPolicy -RoleName $RoleName -Action s3:GetObject -Credential $new
    'A new session works.'

    '== Offboard erik: disable first (kept for the audit trail) =='
    $disabled = Remove-IamDeveloper -UserName erik -Disable -Confirm:$false
    $disabled | Out-Host
    $disabled.Changes

    '== Then remove him, and take the role away (the role goes: nobody else has it) =='
    $erik | Revoke-IamRoleAssume -RoleName $RoleName -DeleteRole -Confirm:$false | Out-Host
    $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
    $preview = Remove-IamDeveloper -UserName erik -WhatIf
    "Preview: $($preview.Status), mutating calls made by -WhatIf: $($IamOpsSandbox.CallLog.MutatingCalls.Count - $before)"
    $removed = Remove-IamDeveloper -UserName erik -Confirm:$false
    $removed | Out-Host
    "erik: $($removed.Status)"

    '== A second run changes nothing =='
    $again = Remove-IamDeveloper -UserName erik -Confirm:$false -Verbose 4>&1
    $again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { "VERBOSE: $($_.Message)" }
    "Second removal: $(($again | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Status)"
}
finally {
    Exit-IamSandbox
}

# Seed scenario: what has gone stale in an account. Four developers get access keys; ana and ben use theirs, chen and
# dora never do; the sandbox's clock moves 100 days on and only ana keeps working. The credential report then shows
# who has unused keys, who has no MFA, and how old every key is; the security report lists every finding with its fix
# and writes them as an HTML page. Access Advisor shows which of the services a reporting role is granted it really
# used, and New-IamLeastPrivilegePolicy proposes a policy keeping only those. Disable-IamStaleCredential then cleans up
# by the CIS rules, plan first, leaving the break-glass user alone.
#
#   dotnet run --project src/IamOps.Host -- -File examples/audit-and-clean-up.ps1
param(
    [int] $Days = 45,
    # Where the security report's page goes; open it in a browser.
    [string] $ReportPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'iam-security-report.html')
)

$ErrorActionPreference = 'Stop'
Enter-IamSandbox | Out-Null

try {
    '== A team with access keys =='
    # In real use add -CredentialFile: the new secret keys are shown nowhere else.
    $team = 'ana', 'ben', 'chen', 'dora' | Add-IamDeveloper -CreateMissingGroup -ProgrammaticAccess -NoConsoleAccess
    $team | Format-Table UserName, Status, AccessKeyId | Out-Host
    # The break-glass user is never used on purpose: a tag keeps the clean-up away from it.
    Add-IamDeveloper -UserName breakglass -ProgrammaticAccess -NoConsoleAccess -Tag @{ 'iamops:break-glass' = 'true' } | Out-Null
    function Use-Key($Developer) { Get-IamCallerIdentity -AccessKey $Developer.AccessKeyId -SecretKey $Developer.SecretAccessKey | Out-Null }

    '== ana and ben use their keys; 100 days pass; ana still works =='
    $team | Where-Object UserName -in 'ana', 'ben' | ForEach-Object { Use-Key $_ }
    # Only the sandbox can do this: its clock moves on, so keys and passwords age without waiting.
    $IamOpsSandbox.AdvanceClock([timespan]::FromDays(100))
    Use-Key ($team | Where-Object UserName -eq 'ana')

    '== The credential report, risky columns first =='
    $report = Get-IamCredentialReport
    $report | Out-Host

    "== Access keys unused for $Days days or more, or never used =="
    $stale = foreach ($user in $report) {
        foreach ($key in $user.AccessKeys | Where-Object Active) {
            if ($null -eq $key.LastUsedDays -or $key.LastUsedDays -ge $Days) {
                [pscustomobject]@{ UserName = $user.UserName; Key = $key.Number; AgeDays = $key.AgeDays; LastUsedDays = $key.LastUsedDays }
            }
        }
    }
    $stale | Format-Table | Out-Host
    "Stale access keys: $(@($stale).Count) of $(@($report.AccessKeys).Count)"
    "Users without MFA: $(@($report | Where-Object { -not $_.IsRoot -and -not $_.MfaActive }).Count)"

    '== The security report: every finding, its severity and the command that fixes it =='
    # A partner account may assume a role without an external id, and nobody has used it.
    Grant-IamRoleAssume -RoleName partner-audit -AccountId 444455556666 | Out-Null
    $findings = Get-IamSecurityReport -Days $Days -OutFile $ReportPath
    $findings | Out-Host
    $findings | Group-Object Severity -NoElement | Sort-Object { [IamOps.Audit.SecuritySeverity]$_.Name } -Descending | Format-Table Name, Count | Out-Host
    "The same findings as a page (chart, sortable tables): $ReportPath"

    '== Access Advisor: a reporting role granted read access to many services =='
    # ana gets a role with AWS's ReadOnlyAccess, assumes it, and reads the credential report and who she is with it.
    $ana = $team | Where-Object UserName -eq 'ana'
    $ana | Grant-IamRoleAssume -RoleName reporting -PolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess | Out-Null
    $session = Invoke-IamRoleAssume -RoleName reporting -AccessKey $ana.AccessKeyId -SecretKey $ana.SecretAccessKey
    $session | Get-IamCredentialReport | Out-Null
    $session | Get-IamCallerIdentity | Out-Null
    $lastAccessed = Get-IamLastAccessed -RoleName reporting -Days $Days
    $lastAccessed | Where-Object UsedInDays | Out-Host
    "Services granted to reporting: $(@($lastAccessed).Count); unused in $Days days: $(@($lastAccessed | Where-Object GrantedButNotUsed).Count)"

    '== A right-sized policy for the role, and proof it still does the job =='
    $proposal = New-IamLeastPrivilegePolicy -RoleName reporting -Days $Days
    $proposal | Out-Host
    $proposal.Document
    Test-IamPolicy -PolicyDocument $proposal.Document -Action iam:GetCredentialReport, sts:GetCallerIdentity, s3:GetObject |
        Format-Table Action, Decision | Out-Host
    # To write it: New-IamLeastPrivilegePolicy -RoleName reporting -Apply -PolicyName reporting-least-privilege (-WhatIf first).

    "== Disable-IamStaleCredential: what would change (-WhatIf), then the clean-up =="
    # The sandbox's own administrator signed every call above with a 100-day-old key: leave it alone too.
    $exclude = 'Administrator', 'iamops:break-glass=true'
    Disable-IamStaleCredential -Days $Days -Exclude $exclude -WhatIf | Out-Host
    # In real use add -CredentialFile: the new keys of rotated users are shown nowhere else.
    $changes = Disable-IamStaleCredential -Days $Days -Exclude $exclude -Confirm:$false
    $changes | Format-Table | Out-Host
    $again = @(Disable-IamStaleCredential -Days $Days -Exclude $exclude -Confirm:$false)
    if ($again.Count -ne 0) { throw "A re-run should change nothing; it changed $($again.Count) credential(s)." }
    "Changed: $(@($changes).Count) credential(s); a re-run changes nothing. ana's old key works until the grace period ends."

    '== A week later the grace period is over: the rotated key is deactivated =='
    $IamOpsSandbox.AdvanceClock([timespan]::FromDays(7))
    Disable-IamStaleCredential -Days $Days -Exclude $exclude -Confirm:$false | Format-Table | Out-Host
}
finally {
    Exit-IamSandbox -WarningAction SilentlyContinue
}

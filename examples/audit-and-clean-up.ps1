# Seed scenario: what has gone stale in an account. Four developers get access keys; ana and ben use theirs, chen and
# dora never do; the sandbox's clock moves 100 days on and only ana keeps working. The credential report then shows
# who has unused keys, who has no MFA, and how old every key is; the security report lists every finding with its fix
# and writes them as an HTML page.
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
}
finally {
    Exit-IamSandbox -WarningAction SilentlyContinue
}

# Seed scenario: secure every account of an organization, in parallel, through OrganizationAccountAccessRole.
# In each member account: the admin baseline (alias, password policy, Administrators, an admin user, MFA enforcement)
# and a deploy role the management account may assume. Then again, to show that a second run changes nothing; and one
# account whose service control policy denies iam:CreateUser fails on its own while the others finish.
#
#   dotnet run --project src/IamOps.Host -- -File examples/secure-every-account.ps1
#   pwsh: Import-Module ./IamOps.psd1; ./examples/secure-every-account.ps1
#
# It runs in a sandbox organization. Against AWS, leave out Enter-IamSandbox and the SCP, and run it with the
# management account's credentials (-ProfileName on Invoke-IamInAccount, or the default profile).
param(
    [int] $MemberAccount = 5,
    [int] $ThrottleLimit = 4
)

$ErrorActionPreference = 'Stop'
Enter-IamSandbox -MemberAccount $MemberAccount | Out-Null
$management = (Get-IamCallerIdentity).Account

# The accounts to secure: every member account (the management account is secured by hand, not from itself).
$members = @(Get-IamOrganizationAccount | Where-Object Id -ne $management)
"Member accounts: $($members.Count)"

# One account whose SCP denies creating users: its baseline cannot create the admin user.
$blockedId = $members[-1].Id
$denyCreateUser = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}'
$null = $IamOpsSandbox.AttachServiceControlPolicy($blockedId, $denyCreateUser, 'no-new-users')

$secure = {
    New-IamAdminBaseline -AccountAlias "acme-$($_.Id)" -AdminUserName ops
    Grant-IamRoleAssume -RoleName deploy -AccountId $using:management -PolicyArn arn:aws:iam::aws:policy/PowerUserAccess
}

function Show-Run($rows, $summary) {
    $rows | Group-Object AccountId | ForEach-Object {
        $statuses = ($_.Group | ForEach-Object { "$($_.Status)" } | Group-Object | ForEach-Object { "$($_.Name) x$($_.Count)" }) -join ', '
        "  $($_.Name): $statuses"
    } | Out-Host
    "Accounts: $($summary.Total), succeeded: $($summary.Succeeded), failed: $($summary.Failed)"
    $summary.Failures | ForEach-Object { "  failed $($_.AccountId): $($_.ErrorId): $($_.Message)" }
}

'== Secure every member account =='
$first = @($members | Invoke-IamInAccount $secure -ThrottleLimit $ThrottleLimit -Ordered -Summary -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
$summary = $first | Where-Object { $_.PSObject.TypeNames[0] -eq 'IamOps.AccountFanOut.FanOutSummary' }
Show-Run ($first | Where-Object { $_ -ne $summary }) $summary
if ($summary.Failed -ne 1 -or $summary.FailedAccountId[0] -ne $blockedId) { throw 'Exactly the account with the SCP must fail.' }
if ($summary.Succeeded -ne $MemberAccount - 1) { throw 'Every other account must be secured.' }

'== Run it again: nothing changes where it worked =='
$secured = $summary.SucceededAccountId
$before = @($secured | ForEach-Object { $IamOpsSandbox.Member($_).CallLog.MutatingCalls.Count })
$second = @($members | Invoke-IamInAccount $secure -ThrottleLimit $ThrottleLimit -Summary -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
$again = $second | Where-Object { $_.PSObject.TypeNames[0] -eq 'IamOps.AccountFanOut.FanOutSummary' }
$after = @($secured | ForEach-Object { $IamOpsSandbox.Member($_).CallLog.MutatingCalls.Count })
$mutating = 0; for ($i = 0; $i -lt $secured.Count; $i++) { $mutating += $after[$i] - $before[$i] }
$changedRows = @($second | Where-Object { $_.AccountId -in $secured -and "$($_.Status)" -in 'Changed', 'Created', 'Updated' })
Show-Run ($second | Where-Object { $_ -ne $again }) $again
"Secured accounts changed on the second run: $($changedRows.Count); mutating calls: $mutating"
if ($changedRows.Count -ne 0 -or $mutating -ne 0) { throw 'A second run must change nothing.' }
"Still failing, alone: $($again.FailedAccountId -join ', ')"

Exit-IamSandbox

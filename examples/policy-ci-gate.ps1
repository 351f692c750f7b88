# Seed scenario: lint and test policies in a CI gate, offline.
# 1. Lint every policy in a folder like IAM Access Analyzer; the gate fails on errors and security warnings.
# 2. Decide allow/deny like the IAM policy simulator for the requests the policies must (and must not) allow.
# The script exits non-zero when either check fails, which fails the CI step. No AWS account or credentials needed.
#
#   dotnet run --project src/IamOps.Host -- -File examples/policy-ci-gate.ps1
#   pwsh: Import-Module ./IamOps.psd1; ./examples/policy-ci-gate.ps1 -PolicyFolder ./policies
param(
    [string] $PolicyFolder = "$PSScriptRoot/policies"
)

# No $ErrorActionPreference = 'Stop' needed: -FailOn ends the script itself.

'== Lint (Access Analyzer checks) =='
# Every finding is written first; then, when one is a SecurityWarning or an Error, -FailOn ends the script with
# PolicyCheckFailed, so pwsh -File exits non-zero and the CI step fails. (-Quiet returns $true/$false instead.)
$findings = @(Test-IamPolicy -Path "$PolicyFolder/*.json" -FailOn SecurityWarning)
if ($findings.Count -eq 0) { 'No findings.' } else { $findings | Out-Host }
'Lint passed.'

'== Decide (policy simulator, offline) =='
$expectations = @(
    @{ Policy = 'reports-reader.json'; Action = 's3:GetObject'; Resource = 'arn:aws:s3:::acme-reports/reports/q1.csv'; Expect = 'Allowed' }
    @{ Policy = 'reports-reader.json'; Action = 's3:PutObject'; Resource = 'arn:aws:s3:::acme-reports/reports/q1.csv'; Expect = 'ImplicitDeny' }
    @{ Policy = 'reports-reader.json'; Action = 's3:GetObject'; Resource = 'arn:aws:s3:::acme-payroll/2026.csv'; Expect = 'ImplicitDeny' }
    @{ Policy = 'ci-deployer.json'; Action = 's3:PutObject'; Resource = 'arn:aws:s3:::acme-artifacts/builds/42.zip'; Expect = 'Allowed' }
    @{ Policy = 'ci-deployer.json'; Action = 's3:DeleteObject'; Resource = 'arn:aws:s3:::acme-artifacts/builds/42.zip'; Expect = 'ExplicitDeny' }
)
$failed = 0
foreach ($case in $expectations) {
    $decision = Test-IamPolicy -Path "$PolicyFolder/$($case.Policy)" -Action $case.Action -Resource $case.Resource
    $ok = "$($decision.Decision)" -eq $case.Expect
    if (-not $ok) { $failed++ }
    '{0,-4} {1,-20} {2,-16} {3,-52} {4}' -f ($(if ($ok) { 'ok' } else { 'FAIL' }), $case.Policy, $case.Action, $case.Resource, $decision.Decision)
}
if ($failed -gt 0) { throw "$failed policy expectations failed." }
'All policy expectations hold.'

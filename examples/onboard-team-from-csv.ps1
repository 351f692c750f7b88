# Seed scenario: onboard a team from a CSV.
# Each row becomes an IAM user with a console login (password change forced at first sign-in), membership of its
# groups (created on demand with a managed policy) and, where the row asks, an access key. The initial secrets go
# to one owner-only CSV file and nowhere else. A second run changes nothing.
#
#   dotnet run --project src/IamOps.Host -- -File examples/onboard-team-from-csv.ps1
#   pwsh: Import-Module ./IamOps.psd1; ./examples/onboard-team-from-csv.ps1 -CsvPath ./team.csv
param(
    [string] $CsvPath = "$PSScriptRoot/data/team.csv",
    [string] $CredentialFile = ([IO.Path]::Combine([IO.Path]::GetTempPath(), "iamops-team-credentials-$PID.csv"))
)

$ErrorActionPreference = 'Stop'
Enter-IamSandbox | Out-Null

try {
    '== Onboard (rows bind by property name: UserName, GroupName, ProgrammaticAccess) =='
    $result = Import-Csv $CsvPath |
        Add-IamDeveloper -CreateMissingGroup -GroupPolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess -CredentialFile $CredentialFile
    $result | Out-Host
    "Initial passwords and keys are in $CredentialFile (readable by you only); hand them over, then delete the file."

    '== Run it again: nothing changes =='
    $again = Import-Csv $CsvPath | Add-IamDeveloper -CreateMissingGroup -GroupPolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess
    $again | Out-Host
    $changed = @($again | Where-Object Status -ne 'Unchanged')
    if ($changed.Count -ne 0) { throw "A second run must change nothing, but $($changed.Count) users changed." }
}
finally {
    if ([IO.File]::Exists($CredentialFile)) { [IO.File]::Delete($CredentialFile) }
    Exit-IamSandbox
}

# Seed scenarios: create a user and let them assume a role; an EC2 role with RDS permissions.
# A developer gets an access key of their own and the right to assume 'deployer' (the role's trust policy names the
# account, and the developer gets an inline policy allowing sts:AssumeRole on exactly that role); with their own key
# they assume it, while a colleague without the grant is denied. Then an EC2 role with AmazonRDSFullAccess, its instance
# profile, and an instance running with it. A second run changes nothing.
#
#   dotnet run --project src/IamOps.Host -- -File examples/roles-to-assume.ps1
param(
    [string] $RoleName = 'deployer',
    [string] $AppRoleName = 'app',
    [string] $InstanceId = 'i-0123456789abcdef0'
)

$ErrorActionPreference = 'Stop'
Enter-IamSandbox | Out-Null
# The sandbox simulates IAM and STS; an EC2 instance is registered so its instance profile can be set.
$null = $IamOpsSandbox.AddInstance($InstanceId)

try {
    '== A developer with an access key, allowed to assume the role =='
    # In real use add -CredentialFile: the new secret key is shown nowhere else.
    $alice = Add-IamDeveloper -UserName alice -NoConsoleAccess -CreateMissingGroup -ProgrammaticAccess
    $bob = Add-IamDeveloper -UserName bob -NoConsoleAccess -CreateMissingGroup -ProgrammaticAccess
    $alice | Grant-IamRoleAssume -RoleName $RoleName -MaxSessionDuration 7200 | Out-Host

    '== Alice assumes it with her own key =='
    $session = Invoke-IamRoleAssume -RoleName $RoleName -AccessKey $alice.AccessKeyId -SecretKey $alice.SecretAccessKey -Verify
    "Assumed: $($session.VerifiedIdentity.Arn)"

    '== Bob was not granted the role =='
    try {
        Invoke-IamRoleAssume -RoleName $RoleName -AccessKey $bob.AccessKeyId -SecretKey $bob.SecretAccessKey | Out-Null
        throw 'Bob must be denied.'
    }
    catch [System.Management.Automation.RuntimeException] {
        if ($_.FullyQualifiedErrorId -notlike 'RoleAssumeDenied,*') { throw }
        "Denied as expected: $($_.FullyQualifiedErrorId)"
    }

    '== An EC2 role with RDS permissions, on a running instance =='
    $app = @{ RoleName = $AppRoleName; Service = 'ec2.amazonaws.com'; PolicyArn = 'arn:aws:iam::aws:policy/AmazonRDSFullAccess'; InstanceId = $InstanceId }
    Grant-IamRoleAssume @app -WhatIf | Out-Null
    Grant-IamRoleAssume @app | Out-Host
    "Instance $InstanceId runs with instance profile $($IamOpsSandbox.InstanceProfileOf($InstanceId))."

    '== Run both again: nothing changes =='
    $again = @(Grant-IamRoleAssume -RoleName $RoleName -UserName alice -MaxSessionDuration 7200) + @(Grant-IamRoleAssume @app)
    $again | Out-Host
    $changed = @($again | Where-Object Status -ne 'Unchanged')
    if ($changed.Count -ne 0) { throw "A second run must change nothing, but $($changed.Count) grants changed." }
}
finally {
    Exit-IamSandbox
}

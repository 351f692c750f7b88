# Seed scenario: an EC2 service role with access to one bucket.
# A role trusted by EC2, an instance profile of the same name holding it, and an inline policy allowing reads and
# writes under one prefix of one bucket, and nothing else. -WhatIf first shows the policy that would be written.
#
#   dotnet run --project src/IamOps.Host -- -File examples/ec2-role-one-bucket.ps1
param(
    [string] $RoleName = 'report-uploader',
    [string] $BucketName = 'acme-reports-example',
    [string] $Prefix = 'reports/'
)

$ErrorActionPreference = 'Stop'
Enter-IamSandbox | Out-Null
# The sandbox simulates IAM and STS; S3 buckets are registered so their existence and region can be checked.
$IamOpsSandbox.AddBucket($BucketName, 'eu-west-1')

try {
    $grant = @{ RoleName = $RoleName; TrustService = 'ec2.amazonaws.com'; BucketName = $BucketName; Prefix = $Prefix; Access = 'ReadWrite' }

    '== The policy that would be written (-WhatIf) =='
    (Grant-IamBucketAccess @grant -WhatIf).PolicyDocument

    '== Apply =='
    Grant-IamBucketAccess @grant | Out-Host

    '== Run it again: nothing changes =='
    $again = Grant-IamBucketAccess @grant
    $again | Out-Host
    if ("$($again.Status)" -ne 'Unchanged') { throw "A second run must change nothing, but reported $($again.Status)." }
}
finally {
    Exit-IamSandbox
}

# Pipeline federation, proven in the sandbox: a CI job reaches AWS with its OIDC token, never stored keys.
# The account trusts GitHub Actions (Add-IamIdentityProvider -GitHub) and the role 'deploy' lets in only acme/app on
# main. The sandbox is the token issuer here ($IamOpsSandbox.NewWebIdentityToken), as GitHub's runner is in a real job
# (see examples/pipelines/github-actions.yml and azure-pipelines.yml). The right repository and branch get in, by
# token, token file and the AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN environment; another repository, another branch,
# a wrong audience and an expired token are each denied with their own error id and the fix. A second run changes nothing.
#
#   dotnet run --project src/IamOps.Host -- -File examples/pipeline-federation.ps1
param(
    [string] $Repository = 'acme/app',
    [string] $Branch = 'main'
)

$ErrorActionPreference = 'Stop'
Enter-IamSandbox | Out-Null
$github = 'https://token.actions.githubusercontent.com'

function Assert-Denied([string] $Case, [string] $Token, [string] $ErrorId) {
    try {
        Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityToken $Token -NoCache | Out-Null
        throw "$Case must be denied."
    }
    catch [System.Management.Automation.RuntimeException] {
        if ($_.FullyQualifiedErrorId -notlike "$ErrorId,*") { throw }
        "Denied ($Case): $ErrorId"
        "  $($_.Exception.Message)"
    }
}

try {
    '== The account trusts GitHub Actions, and the role trusts one repository on one branch =='
    Add-IamIdentityProvider -GitHub | Format-Table | Out-Host
    $grant = Grant-IamRoleAssume -RoleName deploy -GitHubRepository $Repository -Branch $Branch -PolicyArn 'arn:aws:iam::aws:policy/ReadOnlyAccess'
    $grant | Format-List Status, TrustedPrincipals, TrustPolicyDocument | Out-Host
    $roleArn = "arn:aws:iam::$($IamOpsSandbox.AccountId):role/deploy"

    '== A second run changes nothing =='
    $before = $IamOpsSandbox.CallLog.MutatingCalls.Count
    $null = Add-IamIdentityProvider -GitHub
    $again = Grant-IamRoleAssume -RoleName deploy -GitHubRepository $Repository -Branch $Branch -PolicyArn 'arn:aws:iam::aws:policy/ReadOnlyAccess'
    if ($again.Status -ne 'Unchanged' -or $IamOpsSandbox.CallLog.MutatingCalls.Count -ne $before) { throw 'The second run changed something.' }
    "Status: $($again.Status), mutating calls: 0"

    '== The job of the trusted repository and branch gets in (token as text) =='
    $subject = "repo:${Repository}:ref:refs/heads/$Branch"
    $token = $IamOpsSandbox.NewWebIdentityToken($github, $subject)
    $session = Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityToken $token -RoleSessionName ci -Verify
    "Assumed: $($session.VerifiedIdentity.Arn) for $($session.Subject)"

    '== ... from a token file, as a CI system writes it =='
    $file = Join-Path ([IO.Path]::GetTempPath()) "iamops-token-$PID"
    Set-Content -Path $file -Value $IamOpsSandbox.NewWebIdentityToken($github, $subject) -NoNewline
    try {
        "Assumed: $((Invoke-IamRoleAssume -RoleArn $roleArn -WebIdentityTokenFile $file).AssumedRoleArn)"

        '== ... and from AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, as the AWS SDKs read them =='
        $env:AWS_WEB_IDENTITY_TOKEN_FILE = $file
        $env:AWS_ROLE_ARN = $roleArn
        $env:AWS_ROLE_SESSION_NAME = 'pipeline'
        Invoke-IamRoleAssume -ScriptBlock { "Running as: $((Get-IamCallerIdentity).Arn)" }
    }
    finally {
        Remove-Item -Path $file -ErrorAction SilentlyContinue
        Remove-Item Env:AWS_WEB_IDENTITY_TOKEN_FILE, Env:AWS_ROLE_ARN, Env:AWS_ROLE_SESSION_NAME -ErrorAction SilentlyContinue
    }

    '== Everyone else is denied, each with its own error id and the fix =='
    Assert-Denied 'another repository' $IamOpsSandbox.NewWebIdentityToken($github, 'repo:acme/other:ref:refs/heads/main') 'WebIdentityRepositoryNotTrusted'
    Assert-Denied 'another branch' $IamOpsSandbox.NewWebIdentityToken($github, "repo:${Repository}:ref:refs/heads/feature") 'WebIdentityBranchNotTrusted'
    Assert-Denied 'a wrong audience' $IamOpsSandbox.NewWebIdentityToken($github, $subject, 'api://elsewhere') 'WebIdentityAudienceNotAccepted'
    Assert-Denied 'an expired token' $IamOpsSandbox.NewWebIdentityToken($github, $subject, 'sts.amazonaws.com', [TimeSpan]::FromMinutes(-5)) 'WebIdentityTokenExpired'

    '== The lint flags a trust that lets every repository in =='
    $open = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:*"}}}]}'
    Test-IamPolicy -PolicyDocument $open -PolicyType Trust | Where-Object Severity -EQ SecurityWarning | Format-List CheckId, Message | Out-Host
}
finally {
    Exit-IamSandbox -WarningAction SilentlyContinue
}

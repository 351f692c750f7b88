namespace IamOps.PowerShell.Tests;

/// <summary>Invoke-IamRoleAssume with a web identity against an AWS endpoint (the sandbox served over HTTP): unsigned, with no AWS credentials at all.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class WebIdentityCmdletTests
{
    [Fact]
    public void A_token_assumes_the_role_over_HTTP_without_credentials_and_a_foreign_one_is_denied_without_the_token_in_the_error()
    {
        var saved = (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_PROFILE"), Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
        Environment.SetEnvironmentVariable("AWS_PROFILE", "no-such-profile");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        try
        {
            var run = HostedPowerShell.Run("""
                Enter-IamSandbox | Out-Null
                Add-IamIdentityProvider -GitHub | Out-Null
                $null = Grant-IamRoleAssume -RoleName deploy -GitHubRepository acme/app -Branch main
                $account = $IamOpsSandbox
                $roleArn = "arn:aws:iam::$($account.AccountId):role/deploy"
                $good = $account.NewWebIdentityToken('https://token.actions.githubusercontent.com', 'repo:acme/app:ref:refs/heads/main')
                $other = $account.NewWebIdentityToken('https://token.actions.githubusercontent.com', 'repo:acme/other:ref:refs/heads/main')
                $endpoint = [IamOps.PowerShell.Tests.SandboxEndpoint]::Start($account)
                Exit-IamSandbox
                try {
                    $connection = @{ Region = 'us-east-1'; EndpointUrl = $endpoint.BaseUrl.ToString() }
                    (Invoke-IamRoleAssume @connection -RoleArn $roleArn -WebIdentityToken $good -RoleSessionName ci -Verbose).AssumedRoleArn
                    try { Invoke-IamRoleAssume @connection -RoleArn $roleArn -WebIdentityToken $other -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message.Contains($other) }
                }
                finally { $endpoint.Dispose() }
                """);

            Assert.Empty(run.Errors);
            Assert.Matches("^arn:aws:sts::[0-9]{12}:assumed-role/deploy/ci$", run.Output[0].ToString());
            // An unsigned caller cannot read the role's trust, so the denial names the subject rather than repository or branch.
            Assert.Equal("WebIdentitySubjectNotTrusted,IamOps.Cmdlets.InvokeIamRoleAssumeCommand", run.Output[1].ToString());
            Assert.Equal("False", run.Output[2].ToString());
            Assert.Contains(run.Verbose, v => v.Message.Contains("credentials: none (the web identity token", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", saved.Item1);
            Environment.SetEnvironmentVariable("AWS_PROFILE", saved.Item2);
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", saved.Item3);
        }
    }

    [Fact]
    public void FromGitHubActions_fetches_the_job_token_from_the_runner_with_the_audience_and_assumes_the_role()
    {
        using var runner = new LocalHttpServer((_, _) =>
            new CannedResponse(200, "{\"count\":1,\"value\":\"" + Environment.GetEnvironmentVariable("IAMOPS_TEST_RUNNER_TOKEN") + "\"}", "application/json"));
        Environment.SetEnvironmentVariable("ACTIONS_ID_TOKEN_REQUEST_URL", new Uri(runner.Url, "/_apis/token?api-version=2.0").ToString());
        Environment.SetEnvironmentVariable("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "runner-request-token");
        try
        {
            var run = HostedPowerShell.Run("""
                Enter-IamSandbox | Out-Null
                Add-IamIdentityProvider -GitHub | Out-Null
                $null = Grant-IamRoleAssume -RoleName deploy -GitHubRepository acme/app -Branch main
                $env:IAMOPS_TEST_RUNNER_TOKEN = $IamOpsSandbox.NewWebIdentityToken('https://token.actions.githubusercontent.com', 'repo:acme/app:ref:refs/heads/main')
                $session = Invoke-IamRoleAssume -RoleArn "arn:aws:iam::$($IamOpsSandbox.AccountId):role/deploy" -FromGitHubActions
                $session.AssumedRoleArn
                $session.Subject
                """);

            Assert.Empty(run.Errors);
            Assert.EndsWith(":assumed-role/deploy/GitHubActions", run.Output[0].ToString(), StringComparison.Ordinal);
            Assert.Equal("repo:acme/app:ref:refs/heads/main", run.Output[1].ToString());
            var request = Assert.Single(runner.Requests);
            Assert.Equal("/_apis/token?api-version=2.0&audience=sts.amazonaws.com", request.Path);
            Assert.Equal("Bearer runner-request-token", request.Headers["Authorization"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ACTIONS_ID_TOKEN_REQUEST_URL", null);
            Environment.SetEnvironmentVariable("ACTIONS_ID_TOKEN_REQUEST_TOKEN", null);
            Environment.SetEnvironmentVariable("IAMOPS_TEST_RUNNER_TOKEN", null);
        }
    }
}

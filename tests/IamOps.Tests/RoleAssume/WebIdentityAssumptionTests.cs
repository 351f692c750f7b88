using IamOps.Aws;
using IamOps.RoleAssume;
using IamOps.Secrets;
using IamOps.Simulator;
using IamOps.TestEndpoint;
using IamOps.Tests.Simulator;

namespace IamOps.Tests.RoleAssume;

/// <summary>Invoke-IamRoleAssume's federation logic against the simulator: tokens, the GitHub Actions runner, the environment, SAML, and one error id per denial.</summary>
public sealed class WebIdentityAssumptionTests
{
    private const string Account = "111122223333";
    private const string GitHub = "https://token.actions.githubusercontent.com";
    private const string RoleArn = "arn:aws:iam::111122223333:role/deploy";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedAccount _account;
    private readonly SimulatorConnection _admin;
    private readonly RoleSessionCache _cache;

    public WebIdentityAssumptionTests()
    {
        _account = new SimulatedAccount(Account, _clock);
        _admin = _account.Connect();
        _cache = new RoleSessionCache(() => _clock.UtcNow);
        var provider = _admin.Iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = GitHub, ClientIds = new[] { "sts.amazonaws.com" } }, None).GetAwaiter().GetResult();
        var condition = """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}""";
        _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "deploy", AssumeRolePolicyDocument = Expect.Trust($"{{\"Federated\":\"{provider}\"}}", condition, "sts:AssumeRoleWithWebIdentity") }, None).GetAwaiter().GetResult();
        _clock.Advance(TimeSpan.FromSeconds(30));
    }

    private WebIdentityAssumption Assumption() =>
        new(_admin, _cache, s => _account.Connect(new SimulatorCredentials(s.AccessKeyId, SecretText.ToPlainText(s.SecretAccessKey), SecretText.ToPlainText(s.SessionToken))));

    private WebIdentityToken Token(string subject, string audience = "sts.amazonaws.com", int minutes = 60) =>
        WebIdentityToken.Parse(_account.NewWebIdentityToken(GitHub, subject, audience, TimeSpan.FromMinutes(minutes)), "test");

    [Fact]
    public async Task A_token_of_the_trusted_repository_and_branch_assumes_the_role_and_is_served_from_the_cache_next()
    {
        var token = Token("repo:acme/app:ref:refs/heads/main");

        var session = await Assumption().AssumeAsync(new WebIdentityRequest { RoleArn = RoleArn }, token, None);
        var again = await Assumption().AssumeAsync(new WebIdentityRequest { RoleArn = RoleArn, Verify = true }, token, None);

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/deploy/{WebIdentityAssumption.DefaultSessionName}", session.AssumedRoleArn);
        Assert.Equal("repo:acme/app:ref:refs/heads/main", session.Subject);
        Assert.False(session.FromCache);
        Assert.True(again.FromCache);
        Assert.Equal(session.AssumedRoleArn, again.VerifiedIdentity!.Arn);
        Assert.Single(_account.CallLog.Of("AssumeRoleWithWebIdentity"));
    }

    [Theory]
    [InlineData("repo:acme/other:ref:refs/heads/main", "sts.amazonaws.com", 60, "WebIdentityRepositoryNotTrusted", "-GitHubRepository acme/other")]
    [InlineData("repo:acme/app:ref:refs/heads/feature", "sts.amazonaws.com", 60, "WebIdentityBranchNotTrusted", "-Branch feature")]
    [InlineData("repo:acme/app:environment:prod", "sts.amazonaws.com", 60, "WebIdentitySubjectNotTrusted", "repo:acme/app:environment:prod")]
    [InlineData("repo:acme/app:ref:refs/heads/main", "api://elsewhere", 60, "WebIdentityAudienceNotAccepted", "-ClientId 'api://elsewhere'")]
    [InlineData("repo:acme/app:ref:refs/heads/main", "sts.amazonaws.com", -5, "WebIdentityTokenExpired", "fresh token")]
    public async Task Each_denial_has_its_own_error_id_and_names_the_fix(string subject, string audience, int minutes, string errorId, string fix)
    {
        var token = Token(subject, audience, minutes);

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => Assumption().AssumeAsync(new WebIdentityRequest { RoleArn = RoleArn }, token, None));

        Assert.Equal(errorId, failure.ErrorId);
        Assert.Contains(fix, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Text, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_an_issuer_without_a_provider_says_to_add_it()
    {
        var token = WebIdentityToken.Parse(_account.NewWebIdentityToken("https://gitlab.com", "project_path:acme/app:ref_type:branch:ref:main", "https://gitlab.com"), "test");

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => Assumption().AssumeAsync(new WebIdentityRequest { RoleArn = RoleArn }, token, None));

        Assert.Equal("WebIdentityProviderNotFound", failure.ErrorId);
        Assert.Contains("Add-IamIdentityProvider -Url https://gitlab.com", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.!!!.sig")]
    public void A_text_that_is_not_a_JWT_is_refused_without_echoing_it(string text)
    {
        var failure = Assert.Throws<IamOpsException>(() => WebIdentityToken.Parse(text, "-WebIdentityToken"));

        Assert.Equal("WebIdentityTokenMalformed", failure.ErrorId);
        Assert.DoesNotContain(text, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_text_never_appears_in_its_string_form()
    {
        var token = Token("repo:acme/app:ref:refs/heads/main");

        Assert.DoesNotContain(token.Text, token.ToString(), StringComparison.Ordinal);
        Assert.Contains("repo:acme/app:ref:refs/heads/main", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_names_what_is_missing()
    {
        var found = WebIdentityEnvironment.Read(name => name switch { "AWS_WEB_IDENTITY_TOKEN_FILE" => "/var/run/token", "AWS_ROLE_ARN" => RoleArn, _ => null });
        var failure = Assert.Throws<IamOpsException>(() => WebIdentityEnvironment.Read(name => name == "AWS_ROLE_ARN" ? RoleArn : null));

        Assert.Equal(new WebIdentityEnvironment("/var/run/token", RoleArn, null), found);
        Assert.Equal("RoleNotGiven", failure.ErrorId);
        Assert.Contains("AWS_WEB_IDENTITY_TOKEN_FILE is not set", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_GitHub_Actions_token_is_fetched_with_the_audience_and_bearer_from_the_runner_variables()
    {
        var jwt = _account.NewWebIdentityToken(GitHub, "repo:acme/app:ref:refs/heads/main");
        using var runner = new LocalHttpServer((_, _) => new CannedResponse(200, "{\"count\":1,\"value\":\"" + jwt + "\"}", "application/json"));
        var variables = new Dictionary<string, string?>
        {
            [GitHubActionsToken.RequestUrlVariable] = new Uri(runner.Url, "/token?api-version=2.0").ToString(),
            [GitHubActionsToken.RequestTokenVariable] = "request-bearer",
        };

        var token = await GitHubActionsToken.FetchAsync(name => variables.GetValueOrDefault(name), null, None);
        var session = await Assumption().AssumeAsync(new WebIdentityRequest { RoleArn = RoleArn }, token, None);

        var request = Assert.Single(runner.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/token?api-version=2.0&audience=sts.amazonaws.com", request.Path);
        Assert.Equal("Bearer request-bearer", request.Headers["Authorization"]);
        Assert.Equal("repo:acme/app:ref:refs/heads/main", session.Subject);
    }

    [Theory]
    [InlineData(403, "{}", "HTTP 403")]
    [InlineData(200, "{\"count\":0}", "no \"value\"")]
    [InlineData(200, "<html/>", "not JSON")]
    public async Task A_failed_GitHub_Actions_token_request_says_why_without_the_bearer(int status, string body, string why)
    {
        using var runner = new LocalHttpServer((_, _) => new CannedResponse(status, body, "application/json"));
        var variables = new Dictionary<string, string?> { [GitHubActionsToken.RequestUrlVariable] = runner.Url + "token", [GitHubActionsToken.RequestTokenVariable] = "request-bearer" };

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => GitHubActionsToken.FetchAsync(name => variables.GetValueOrDefault(name), "sts.amazonaws.com", None));

        Assert.Equal("GitHubActionsTokenRequestFailed", failure.ErrorId);
        Assert.Contains(why, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("request-bearer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_GitHub_Actions_the_token_request_says_to_grant_id_token_write()
    {
        var failure = await Assert.ThrowsAsync<IamOpsException>(() => GitHubActionsToken.FetchAsync(_ => null, null, None));

        Assert.Equal("GitHubActionsTokenUnavailable", failure.ErrorId);
        Assert.Contains("id-token: write", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saml_assertion_assumes_the_role_it_names_and_a_foreign_one_is_rejected_with_the_fix()
    {
        var provider = await _admin.Iam.CreateSamlProviderAsync("Okta", SamlResponses.Metadata(_account), None);
        await _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "sso", AssumeRolePolicyDocument = Expect.Trust($"{{\"Federated\":\"{provider}\"}}", """{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}""", "sts:AssumeRoleWithSAML") }, None);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var role = $"arn:aws:iam::{Account}:role/sso";

        var session = await Assumption().AssumeAsync(new WebIdentityRequest { RoleArn = role, PrincipalArn = provider }, SamlAssertion.Parse(SamlResponses.Base64(_account, role, provider, _clock.UtcNow.AddMinutes(5))), None);
        var foreign = await Assert.ThrowsAsync<IamOpsException>(() => Assumption().AssumeAsync(new WebIdentityRequest { RoleArn = role, PrincipalArn = provider, NoCache = true },
            SamlAssertion.Parse(SamlResponses.Base64(_account, role, provider, _clock.UtcNow.AddMinutes(5), issuer: "http://evil.example.com")), None));
        var expired = await Assert.ThrowsAsync<IamOpsException>(() => Assumption().AssumeAsync(new WebIdentityRequest { RoleArn = role, PrincipalArn = provider },
            SamlAssertion.Parse(SamlResponses.Base64(_account, role, provider, _clock.UtcNow.AddMinutes(-1))), None));

        Assert.Equal("alice@example.com", session.RoleSessionName);
        Assert.Equal("SamlAssertionRejected", foreign.ErrorId);
        Assert.Equal("SamlAssertionExpired", expired.ErrorId);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("PG5vdC1zYW1sLz4=")]
    public void A_text_that_is_not_a_SAML_response_is_refused_before_any_call(string text)
    {
        var failure = Assert.Throws<IamOpsException>(() => SamlAssertion.Parse(text));

        Assert.Equal("SamlAssertionInvalid", failure.ErrorId);
        Assert.Empty(_account.CallLog.Of("AssumeRoleWithSAML"));
    }
}

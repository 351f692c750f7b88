using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using IamOps.Aws;
using IamOps.Connection;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>Identity providers (IamQueryClient) and federated role sessions (StsAdapter, unsigned) end to end over HTTP against the simulator's endpoint.</summary>
public sealed class FederationEndToEndTests : IDisposable
{
    private const string Account = "111122223333";
    private const string GitHub = "https://token.actions.githubusercontent.com";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Now);
    private readonly SimulatedAccount _account;
    private readonly SimulatorEndpoint _endpoint;
    private readonly IamQueryClient _iam;
    private readonly StsAdapter _unsigned;
    private readonly IIam _inProcess;

    public FederationEndToEndTests()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        _account = new SimulatedAccount(Account, _clock);
        _endpoint = SimulatorEndpoint.Start(_account);
        var keys = _account.AdministratorCredentials;
        _iam = new IamQueryClient(new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey), new IamQueryConfig { ServiceURL = _endpoint.BaseUrl.ToString(), MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(20) });
        _unsigned = new StsAdapter(new ResolvedConnection(new AnonymousAWSCredentials(), "none", RegionEndpoint.USEast1, "test", _endpoint.BaseUrl, cacheKey: null));
        _inProcess = _account.Connect().Iam;
    }

    public void Dispose()
    {
        _unsigned.Dispose();
        _iam.Dispose();
        _endpoint.Dispose();
    }

    private static void Same<T>(T expected, T actual) => Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));

    [Fact]
    public async Task Oidc_provider_calls_over_HTTP_match_the_in_process_answers()
    {
        var arn = await _iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = GitHub, ClientIds = new[] { "sts.amazonaws.com" }, Tags = new[] { new IamTag("ci", "github") } }, None);

        Assert.Equal($"arn:aws:iam::{Account}:oidc-provider/token.actions.githubusercontent.com", arn);
        await _iam.AddClientIdToOpenIdConnectProviderAsync(arn, "api://deploy", None);
        await _iam.UpdateOpenIdConnectProviderThumbprintAsync(arn, new[] { new string('a', 40) }, None);
        Same(await _inProcess.GetOpenIdConnectProviderAsync(arn, None), await _iam.GetOpenIdConnectProviderAsync(arn, None));
        Assert.Equal(new[] { "sts.amazonaws.com", "api://deploy" }, (await _iam.GetOpenIdConnectProviderAsync(arn, None)).ClientIds);
        Assert.Equal(new[] { arn }, await _iam.ListOpenIdConnectProvidersAsync(None));
        var duplicate = await Assert.ThrowsAsync<IamOpsException>(() => _iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = GitHub, ClientIds = new[] { "x" } }, None));
        Assert.Equal("EntityAlreadyExists", duplicate.AwsErrorCode);
        await _iam.DeleteOpenIdConnectProviderAsync(arn, None);
        Assert.Empty(await _iam.ListOpenIdConnectProvidersAsync(None));
    }

    [Fact]
    public async Task Saml_provider_calls_over_HTTP_match_the_in_process_answers()
    {
        var arn = await _iam.CreateSamlProviderAsync("Okta", SamlResponses.Metadata(_account), None);

        Same(await _inProcess.GetSamlProviderAsync(arn, None), await _iam.GetSamlProviderAsync(arn, None));
        Assert.Equal(new[] { arn }, await _iam.ListSamlProvidersAsync(None));
        var invalid = await Assert.ThrowsAsync<IamOpsException>(() => _iam.CreateSamlProviderAsync("Bad", "<EntityDescriptor/>", None));
        Assert.Equal("ValidationError", invalid.AwsErrorCode);
        await _iam.DeleteSamlProviderAsync(arn, None);
        Assert.Empty(await _iam.ListSamlProvidersAsync(None));
    }

    [Fact]
    public async Task An_unsigned_web_identity_call_assumes_a_role_whose_trust_names_the_subject()
    {
        var role = await GitHubRoleAsync();
        var token = _account.NewWebIdentityToken(GitHub, "repo:acme/app:ref:refs/heads/main");

        var federated = await _unsigned.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest { RoleArn = role, RoleSessionName = "ci", WebIdentityToken = token }, None);

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/deploy/ci", federated.Session.AssumedRoleArn);
        Assert.Equal("repo:acme/app:ref:refs/heads/main", federated.Subject);
        Assert.Equal("sts.amazonaws.com", federated.Audience);
        Assert.StartsWith("ASIA", federated.Session.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(Now.AddSeconds(30).AddHours(1), federated.Session.Credentials.Expiration);
    }

    [Theory]
    [InlineData("repo:acme/other:ref:refs/heads/main", "sts.amazonaws.com", 60, "AccessDenied")]
    [InlineData("repo:acme/app:ref:refs/heads/main", "api://elsewhere", 60, "InvalidIdentityToken")]
    [InlineData("repo:acme/app:ref:refs/heads/main", "sts.amazonaws.com", -5, "ExpiredTokenException")]
    public async Task A_refused_token_comes_back_over_HTTP_with_STS_error_code(string subject, string audience, int minutes, string code)
    {
        var role = await GitHubRoleAsync();
        var token = _account.NewWebIdentityToken(GitHub, subject, audience, TimeSpan.FromMinutes(minutes));

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _unsigned.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest { RoleArn = role, RoleSessionName = "ci", WebIdentityToken = token }, None));

        Assert.Equal(code, failure.AwsErrorCode);
    }

    [Fact]
    public async Task An_unsigned_saml_call_assumes_a_role_the_assertion_names()
    {
        var (role, provider) = await SamlRoleAsync();

        var federated = await _unsigned.AssumeRoleWithSamlAsync(new AssumeRoleWithSamlRequest { RoleArn = role, PrincipalArn = provider, SamlAssertion = SamlResponses.Base64(_account, role, provider, Now.AddMinutes(5)) }, None);

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/sso/alice@example.com", federated.Session.AssumedRoleArn);
        Assert.Equal("alice@example.com", federated.Subject);
    }

    [Theory]
    [InlineData("unsigned", "IDPRejectedClaim")]
    [InlineData("other issuer", "IDPRejectedClaim")]
    [InlineData("other role", "IDPRejectedClaim")]
    [InlineData("expired", "ExpiredTokenException")]
    [InlineData("not base64 XML", "InvalidIdentityToken")]
    public async Task A_refused_saml_assertion_comes_back_with_STS_error_code(string flaw, string code)
    {
        var (role, provider) = await SamlRoleAsync();
        var assertion = flaw switch
        {
            "unsigned" => SamlResponses.Base64(_account, role, provider, Now.AddMinutes(5), signed: false),
            "other issuer" => SamlResponses.Base64(_account, role, provider, Now.AddMinutes(5), issuer: "http://evil.example.com"),
            "other role" => SamlResponses.Base64(_account, $"arn:aws:iam::{Account}:role/other", provider, Now.AddMinutes(5)),
            "expired" => SamlResponses.Base64(_account, role, provider, Now),
            _ => "bm90IFhNTA==",
        };

        var failure = await Assert.ThrowsAsync<IamOpsException>(() => _unsigned.AssumeRoleWithSamlAsync(new AssumeRoleWithSamlRequest { RoleArn = role, PrincipalArn = provider, SamlAssertion = assertion }, None));

        Assert.Equal(code, failure.AwsErrorCode);
    }

    private async Task<string> GitHubRoleAsync()
    {
        var provider = await _iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = GitHub, ClientIds = new[] { "sts.amazonaws.com" } }, None);
        var condition = """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}""";
        var role = await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "deploy", AssumeRolePolicyDocument = Expect.Trust($"{{\"Federated\":\"{provider}\"}}", condition, "sts:AssumeRoleWithWebIdentity") }, None);
        _clock.Advance(TimeSpan.FromSeconds(30));
        return role.Arn;
    }

    private async Task<(string Role, string Provider)> SamlRoleAsync()
    {
        var provider = await _iam.CreateSamlProviderAsync("Okta", SamlResponses.Metadata(_account), None);
        var condition = """{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}""";
        var role = await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "sso", AssumeRolePolicyDocument = Expect.Trust($"{{\"Federated\":\"{provider}\"}}", condition, "sts:AssumeRoleWithSAML") }, None);
        _clock.Advance(TimeSpan.FromSeconds(30));
        return (role.Arn, provider);
    }
}

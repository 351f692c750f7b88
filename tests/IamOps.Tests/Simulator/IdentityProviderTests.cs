using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>OIDC and SAML providers with IAM's rules, and AssumeRoleWithWebIdentity with sandbox-minted tokens (issue 18).</summary>
public sealed class IdentityProviderTests
{
    private const string Account = "111122223333";
    private const string GitHub = "https://token.actions.githubusercontent.com";
    private const string GitHubArn = $"arn:aws:iam::{Account}:oidc-provider/token.actions.githubusercontent.com";
    private const string RoleArn = $"arn:aws:iam::{Account}:role/deploy";
    private const string MainBranch = "repo:acme/app:ref:refs/heads/main";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedAccount _account;
    private readonly SimulatorConnection _admin;

    public IdentityProviderTests()
    {
        _account = new SimulatedAccount(Account, _clock);
        _admin = _account.Connect();
    }

    internal static string SamlMetadata(string entityId = "https://idp.example.com/saml") =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{entityId}" validUntil="2030-01-01T00:00:00Z">
          <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>{new string('A', 900)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/saml/sso"/>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """;

    private Task<string> CreateGitHubProvider(params string[] clientIds) =>
        _admin.Iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = GitHub, ClientIds = clientIds.Length == 0 ? new[] { "sts.amazonaws.com" } : clientIds }, None);

    private const string MainOnly = """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}""";

    private Task<IamRole> CreateDeployRole(string subjectCondition = MainOnly) =>
        _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "deploy", AssumeRolePolicyDocument = Expect.Trust($$"""{"Federated":"{{GitHubArn}}"}""", subjectCondition, "sts:AssumeRoleWithWebIdentity") }, None);

    private Task<FederatedRoleSession> AssumeWith(string token) =>
        _admin.Sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest { RoleArn = RoleArn, RoleSessionName = "ci", WebIdentityToken = token }, None);

    [Fact]
    public async Task An_OIDC_provider_is_created_read_and_listed_as_IAM_shows_it()
    {
        var arn = await CreateGitHubProvider();

        var provider = await _admin.Iam.GetOpenIdConnectProviderAsync(arn, None);

        Assert.Equal(GitHubArn, arn);
        Assert.Equal("token.actions.githubusercontent.com", provider.Url);
        Assert.Equal(new[] { "sts.amazonaws.com" }, provider.ClientIds);
        Assert.Empty(provider.Thumbprints);
        Assert.Equal(new[] { arn }, await _admin.Iam.ListOpenIdConnectProvidersAsync(None));
    }

    [Fact]
    public async Task A_second_provider_for_the_same_URL_is_EntityAlreadyExists()
    {
        await CreateGitHubProvider();

        await Expect.AwsError("EntityAlreadyExists", 409, () => CreateGitHubProvider());
    }

    [Theory]
    [InlineData("http://token.actions.githubusercontent.com")]
    [InlineData("token.actions.githubusercontent.com")]
    [InlineData("https://token.actions.githubusercontent.com:8443")]
    [InlineData("https://token.actions.githubusercontent.com/?x=1")]
    [InlineData("https://")]
    public async Task A_URL_that_is_not_https_host_and_path_is_InvalidInput(string url)
    {
        await Expect.AwsError("InvalidInput", 400, () => _admin.Iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = url, ClientIds = new[] { "sts.amazonaws.com" } }, None));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000")]
    public async Task A_thumbprint_that_is_not_40_hex_digits_is_refused(string thumbprint)
    {
        var error = await Assert.ThrowsAsync<IamOpsException>(() => _admin.Iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = GitHub, Thumbprints = new[] { thumbprint } }, None));

        Assert.Contains(error.AwsErrorCode, new[] { "ValidationError", "InvalidInput" });
    }

    [Fact]
    public async Task More_than_five_thumbprints_is_LimitExceeded()
    {
        var six = Enumerable.Range(0, 6).Select(i => new string((char)('a' + i), 40)).ToArray();

        await Expect.AwsError("LimitExceeded", 409, () => _admin.Iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = GitHub, Thumbprints = six }, None));
    }

    [Fact]
    public async Task The_hundred_and_first_provider_is_LimitExceeded()
    {
        for (var i = 0; i < 100; i++)
        {
            await _admin.Iam.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = $"https://issuer{i}.example.com" }, None);
        }

        await Expect.AwsError("LimitExceeded", 409, () => CreateGitHubProvider());
    }

    [Fact]
    public async Task Adding_a_client_id_twice_keeps_one()
    {
        var arn = await CreateGitHubProvider();

        await _admin.Iam.AddClientIdToOpenIdConnectProviderAsync(arn, "api://deploy", None);
        await _admin.Iam.AddClientIdToOpenIdConnectProviderAsync(arn, "api://deploy", None);

        Assert.Equal(new[] { "sts.amazonaws.com", "api://deploy" }, (await _admin.Iam.GetOpenIdConnectProviderAsync(arn, None)).ClientIds);
    }

    [Fact]
    public async Task A_missing_provider_is_NoSuchEntity()
    {
        await Expect.AwsError("NoSuchEntity", 404, () => _admin.Iam.GetOpenIdConnectProviderAsync(GitHubArn, None));
        await Expect.AwsError("NoSuchEntity", 404, () => _admin.Iam.AddClientIdToOpenIdConnectProviderAsync(GitHubArn, "x", None));
    }

    [Fact]
    public async Task A_SAML_provider_keeps_its_metadata_and_name_is_unique()
    {
        var arn = await _admin.Iam.CreateSamlProviderAsync("Okta", SamlMetadata(), None);

        var provider = await _admin.Iam.GetSamlProviderAsync(arn, None);

        Assert.Equal($"arn:aws:iam::{Account}:saml-provider/Okta", arn);
        Assert.Equal(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), provider.ValidUntil);
        Assert.Equal(new[] { arn }, await _admin.Iam.ListSamlProvidersAsync(None));
        await Expect.AwsError("EntityAlreadyExists", 409, () => _admin.Iam.CreateSamlProviderAsync("Okta", SamlMetadata(), None));
    }

    [Theory]
    [InlineData("<not xml")]
    [InlineData("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"><md:SPSSODescriptor/></md:EntityDescriptor>")]
    public async Task SAML_metadata_that_is_not_identity_provider_metadata_is_InvalidInput(string document)
    {
        await Expect.AwsError("InvalidInput", 400, () => _admin.Iam.CreateSamlProviderAsync("Okta", document + new string(' ', 1000), None));
    }

    [Fact]
    public async Task A_token_for_the_trusted_repository_and_branch_assumes_the_role()
    {
        await CreateGitHubProvider();
        await CreateDeployRole();

        var session = await AssumeWith(_account.NewWebIdentityToken(GitHub, MainBranch));

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/deploy/ci", session.Session.AssumedRoleArn);
        Assert.Equal(MainBranch, session.Subject);
        Assert.Equal("sts.amazonaws.com", session.Audience);
        Assert.StartsWith("ASIA", session.Session.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.True(_account.Issued(session.Session.Credentials.AccessKeyId));
    }

    [Theory]
    [InlineData("repo:acme/other:ref:refs/heads/main", "acme/other")]
    [InlineData("repo:acme/app:ref:refs/heads/feature", "refs/heads/feature")]
    public async Task A_token_for_another_repository_or_branch_is_AccessDenied_naming_the_subject(string subject, string named)
    {
        await CreateGitHubProvider();
        await CreateDeployRole();

        var error = await Expect.AwsError("AccessDenied", 403, () => AssumeWith(_account.NewWebIdentityToken(GitHub, subject)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_an_audience_the_provider_does_not_list_is_InvalidIdentityToken()
    {
        await CreateGitHubProvider();
        await CreateDeployRole();

        var error = await Expect.AwsError("InvalidIdentityToken", 400, () => AssumeWith(_account.NewWebIdentityToken(GitHub, MainBranch, "api://somebody-else")));

        Assert.Contains("audience", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_ExpiredTokenException_on_the_sandbox_clock()
    {
        await CreateGitHubProvider();
        await CreateDeployRole();
        var token = _account.NewWebIdentityToken(GitHub, MainBranch, "sts.amazonaws.com", TimeSpan.FromMinutes(10));

        _clock.Advance(TimeSpan.FromMinutes(11));

        await Expect.AwsError("ExpiredTokenException", 400, () => AssumeWith(token));
    }

    [Fact]
    public async Task A_token_whose_signature_was_tampered_with_is_InvalidIdentityToken()
    {
        await CreateGitHubProvider();
        await CreateDeployRole();
        var parts = _account.NewWebIdentityToken(GitHub, MainBranch).Split('.');
        var forged = _account.NewWebIdentityToken(GitHub, "repo:evil/app:ref:refs/heads/main").Split('.');

        await Expect.AwsError("InvalidIdentityToken", 400, () => AssumeWith($"{parts[0]}.{forged[1]}.{parts[2]}"));
    }

    [Fact]
    public async Task A_token_of_an_issuer_without_a_provider_in_the_account_is_InvalidIdentityToken()
    {
        await CreateDeployRole();

        var error = await Expect.AwsError("InvalidIdentityToken", 400, () => AssumeWith(_account.NewWebIdentityToken(GitHub, MainBranch)));

        Assert.Contains("No OpenIDConnect provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_is_not_a_JWT_is_InvalidIdentityToken()
    {
        await CreateGitHubProvider();
        await CreateDeployRole();

        await Expect.AwsError("InvalidIdentityToken", 400, () => AssumeWith("not-a-token"));
    }

    [Fact]
    public async Task A_wildcard_subject_lets_any_branch_of_the_repository_in()
    {
        await CreateGitHubProvider();
        await CreateDeployRole("""{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:*"}}""");

        var session = await AssumeWith(_account.NewWebIdentityToken(GitHub, "repo:acme/app:ref:refs/heads/feature"));

        Assert.Equal("repo:acme/app:ref:refs/heads/feature", session.Subject);
    }

    [Fact]
    public async Task Tokens_verify_after_the_account_is_saved_and_loaded()
    {
        await CreateGitHubProvider();
        await CreateDeployRole();
        var token = _account.NewWebIdentityToken(GitHub, MainBranch);
        var path = Path.Combine(Path.GetTempPath(), "iamops-fed-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            _account.Save(path);
            var loaded = SimulatedAccount.Load(path, _clock);

            var session = await loaded.Connect().Sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest { RoleArn = RoleArn, RoleSessionName = "ci", WebIdentityToken = token }, None);

            Assert.Equal(MainBranch, session.Subject);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

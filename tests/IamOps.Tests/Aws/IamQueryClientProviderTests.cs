using IamOps.Aws;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>Identity providers (OIDC, SAML) over the Query API, on canned IAM responses.</summary>
public sealed class IamQueryClientProviderTests
{
    private const string OidcArn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    private const string SamlArn = "arn:aws:iam::123456789012:saml-provider/Okta";

    [Fact]
    public async Task CreateOpenIDConnectProvider_sends_url_client_ids_and_thumbprints_and_reads_the_arn()
    {
        var (arn, request) = await IamExchange.RunAsync(
            Ok("CreateOpenIDConnectProvider", $"<OpenIDConnectProviderArn>{OidcArn}</OpenIDConnectProviderArn>"),
            client => client.CreateOpenIdConnectProviderAsync(
                new CreateOidcProviderRequest { Url = "https://token.actions.githubusercontent.com", ClientIds = new[] { "sts.amazonaws.com" }, Thumbprints = new[] { new string('a', 40) } },
                CancellationToken.None));

        Assert.Equal(OidcArn, arn);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Url"] = "https://token.actions.githubusercontent.com",
                ["ClientIDList.member.1"] = "sts.amazonaws.com",
                ["ThumbprintList.member.1"] = new string('a', 40),
            },
            request.Parameters());
    }

    [Fact]
    public async Task CreateOpenIDConnectProvider_without_thumbprints_sends_no_list()
    {
        var (_, request) = await IamExchange.RunAsync(
            Ok("CreateOpenIDConnectProvider", $"<OpenIDConnectProviderArn>{OidcArn}</OpenIDConnectProviderArn>"),
            client => client.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = "https://token.actions.githubusercontent.com", ClientIds = new[] { "sts.amazonaws.com" } }, CancellationToken.None));

        Assert.DoesNotContain(request.Parameters().Keys, k => k.StartsWith("ThumbprintList", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetOpenIDConnectProvider_reads_url_client_ids_thumbprints_date_and_tags()
    {
        var (provider, request) = await IamExchange.RunAsync(
            Ok("GetOpenIDConnectProvider",
                "<ThumbprintList><member>6938fd4d98bab03faadb97b34396831e3780aea1</member></ThumbprintList><CreateDate>2024-01-01T00:00:00Z</CreateDate>"
                + "<ClientIDList><member>sts.amazonaws.com</member><member>api://deploy</member></ClientIDList><Url>token.actions.githubusercontent.com</Url>"
                + "<Tags><member><Key>team</Key><Value>platform</Value></member></Tags>"),
            client => client.GetOpenIdConnectProviderAsync(OidcArn, CancellationToken.None));

        Assert.Equal(OidcArn, request.Parameters()["OpenIDConnectProviderArn"]);
        Assert.Equal("token.actions.githubusercontent.com", provider.Url);
        Assert.Equal(new[] { "sts.amazonaws.com", "api://deploy" }, provider.ClientIds);
        Assert.Equal(new[] { "6938fd4d98bab03faadb97b34396831e3780aea1" }, provider.Thumbprints);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), provider.CreateDate);
        Assert.Equal(new[] { new IamTag("team", "platform") }, provider.Tags);
    }

    [Fact]
    public async Task ListOpenIDConnectProviders_reads_the_arns()
    {
        var (arns, _) = await IamExchange.RunAsync(
            Ok("ListOpenIDConnectProviders", $"<OpenIDConnectProviderList><member><Arn>{OidcArn}</Arn></member><member><Arn>arn:aws:iam::123456789012:oidc-provider/gitlab.com</Arn></member></OpenIDConnectProviderList>"),
            client => client.ListOpenIdConnectProvidersAsync(CancellationToken.None));

        Assert.Equal(new[] { OidcArn, "arn:aws:iam::123456789012:oidc-provider/gitlab.com" }, arns);
    }

    [Fact]
    public async Task AddClientIDToOpenIDConnectProvider_sends_the_arn_and_client_id()
    {
        var request = await IamExchange.RunAsync(Empty("AddClientIDToOpenIDConnectProvider"), client => client.AddClientIdToOpenIdConnectProviderAsync(OidcArn, "api://deploy", CancellationToken.None));

        Assert.Equal(new Dictionary<string, string> { ["OpenIDConnectProviderArn"] = OidcArn, ["ClientID"] = "api://deploy" }, request.Parameters());
    }

    [Fact]
    public async Task CreateSAMLProvider_sends_name_and_metadata_and_GetSAMLProvider_reads_it()
    {
        var (arn, create) = await IamExchange.RunAsync(
            Ok("CreateSAMLProvider", $"<SAMLProviderArn>{SamlArn}</SAMLProviderArn>"),
            client => client.CreateSamlProviderAsync("Okta", "<md:EntityDescriptor/>", CancellationToken.None));
        var (provider, _) = await IamExchange.RunAsync(
            Ok("GetSAMLProvider", "<SAMLMetadataDocument>&lt;md:EntityDescriptor/&gt;</SAMLMetadataDocument><ValidUntil>2030-01-01T00:00:00Z</ValidUntil><CreateDate>2024-01-01T00:00:00Z</CreateDate>"),
            client => client.GetSamlProviderAsync(SamlArn, CancellationToken.None));

        Assert.Equal(SamlArn, arn);
        Assert.Equal(new Dictionary<string, string> { ["Name"] = "Okta", ["SAMLMetadataDocument"] = "<md:EntityDescriptor/>" }, create.Parameters());
        Assert.Equal("Okta", provider.Name);
        Assert.Equal("<md:EntityDescriptor/>", provider.MetadataDocument);
        Assert.Equal(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), provider.ValidUntil);
    }

    [Fact]
    public async Task ListSAMLProviders_reads_the_arns()
    {
        var (arns, _) = await IamExchange.RunAsync(
            Ok("ListSAMLProviders", $"<SAMLProviderList><member><Arn>{SamlArn}</Arn><ValidUntil>2030-01-01T00:00:00Z</ValidUntil><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></SAMLProviderList>"),
            client => client.ListSamlProvidersAsync(CancellationToken.None));

        Assert.Equal(new[] { SamlArn }, arns);
    }

    [Fact]
    public async Task A_duplicate_provider_arrives_as_ResourceExists()
    {
        var error = await Assert.ThrowsAsync<IamOpsException>(() => IamExchange.RunAsync(
            Error(409, "EntityAlreadyExists", "Provider with url https://token.actions.githubusercontent.com already exists."),
            client => client.CreateOpenIdConnectProviderAsync(new CreateOidcProviderRequest { Url = "https://token.actions.githubusercontent.com" }, CancellationToken.None)));

        Assert.Equal(FailureKind.ResourceExists, error.Kind);
    }
}

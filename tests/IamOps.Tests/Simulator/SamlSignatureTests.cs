using System.Security.Cryptography.X509Certificates;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>
/// The sandbox as a SAML identity provider, and AssumeRoleWithSAML verifying the XML signature against the
/// certificate in the provider's metadata (enveloped, exclusive c14n, RSA-SHA256; no signature wrapping).
/// </summary>
public sealed class SamlSignatureTests
{
    private const string Account = "111122223333";
    private const string EntityId = "http://www.okta.com/exk1";
    private const string ProviderArn = $"arn:aws:iam::{Account}:saml-provider/Okta";
    private const string RoleArn = $"arn:aws:iam::{Account}:role/sso";
    private const string AdminArn = $"arn:aws:iam::{Account}:role/admin";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedAccount _account;
    private readonly SimulatorConnection _admin;

    public SamlSignatureTests()
    {
        _account = new SimulatedAccount(Account, _clock);
        _admin = _account.Connect();
    }

    [Fact]
    public async Task A_response_the_sandbox_signed_assumes_the_role_it_names()
    {
        await SetUpAsync();

        var session = await AssumeAsync(_account.NewSamlAssertion(ProviderArn, RoleArn, "alice@example.com"));

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/sso/alice@example.com", session.Session.AssumedRoleArn);
        Assert.Equal("alice@example.com", session.Subject);
    }

    [Fact]
    public void The_metadata_carries_an_X509_certificate_of_the_signing_key()
    {
        var metadata = _account.NewSamlMetadata(EntityId);

        var base64 = System.Xml.Linq.XElement.Parse(metadata).Descendants(System.Xml.Linq.XName.Get("X509Certificate", "http://www.w3.org/2000/09/xmldsig#")).Single().Value;
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));

        Assert.Equal("CN=IamOps sandbox SAML signing", certificate.Subject);
        using var key = certificate.GetRSAPublicKey();
        Assert.Equal(2048, key!.KeySize);
        Assert.Equal(metadata.Replace(EntityId, "x"), _account.NewSamlMetadata(EntityId).Replace(EntityId, "x"));
    }

    [Fact]
    public async Task A_role_attribute_changed_after_signing_is_InvalidIdentityToken()
    {
        await SetUpAsync();
        var signed = SamlResponses.Xml(_account.NewSamlAssertion(ProviderArn, RoleArn, "alice@example.com"));
        var tampered = signed.Replace($"{RoleArn},{ProviderArn}", $"{AdminArn},{ProviderArn}");
        Assert.NotEqual(signed, tampered);

        var error = await Expect.AwsError("InvalidIdentityToken", 400, () => AssumeAsync(SamlResponses.Encode(tampered), AdminArn));

        Assert.Contains("signature", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_response_signed_by_another_key_is_InvalidIdentityToken()
    {
        await SetUpAsync();
        var impostor = new SimulatedAccount(Account, _clock);
        await impostor.Connect().Iam.CreateSamlProviderAsync("Okta", impostor.NewSamlMetadata(EntityId), None);
        var forged = impostor.NewSamlAssertion(ProviderArn, RoleArn, "alice@example.com");

        var error = await Expect.AwsError("InvalidIdentityToken", 400, () => AssumeAsync(forged));

        Assert.Contains("does not verify with the signing certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_without_a_signature_is_IDPRejectedClaim()
    {
        await SetUpAsync();

        var error = await Expect.AwsError("IDPRejectedClaim", 403, () => AssumeAsync(SamlResponses.Base64(_account, RoleArn, ProviderArn, Start.AddMinutes(5), signed: false)));

        Assert.Contains("not signed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_signed_response_is_ExpiredTokenException()
    {
        await SetUpAsync();
        var assertion = _account.NewSamlAssertion(ProviderArn, RoleArn, "alice@example.com", TimeSpan.FromMinutes(5));
        _clock.Advance(TimeSpan.FromMinutes(6));

        await Expect.AwsError("ExpiredTokenException", 400, () => AssumeAsync(assertion));
    }

    [Fact]
    public async Task A_forged_assertion_wrapped_around_a_signed_one_is_refused()
    {
        await SetUpAsync();
        var signed = SamlResponses.Xml(_account.NewSamlAssertion(ProviderArn, RoleArn, "alice@example.com"));
        var start = signed.IndexOf("<saml:Assertion", StringComparison.Ordinal);
        var end = signed.IndexOf("</saml:Assertion>", StringComparison.Ordinal) + "</saml:Assertion>".Length;
        var original = signed[start..end];
        var sigStart = original.IndexOf("<Signature", StringComparison.Ordinal);
        var sigEnd = original.IndexOf("</Signature>", StringComparison.Ordinal) + "</Signature>".Length;
        var forged = original.Remove(sigStart, sigEnd - sigStart).Replace($"{RoleArn},{ProviderArn}", $"{AdminArn},{ProviderArn}");

        // The signed Assertion hidden in Extensions, the forged one (same ID) where the Response is read.
        var sameId = signed.Remove(start, end - start).Insert(start, $"<samlp:Extensions>{original}</samlp:Extensions>{forged}");
        // The forged one with an ID of its own beside the signed one.
        var twoAssertions = signed.Insert(end, forged.Replace("ID=\"_", "ID=\"_forged"));

        await Expect.AwsError("InvalidIdentityToken", 400, () => AssumeAsync(SamlResponses.Encode(sameId), AdminArn));
        await Expect.AwsError("InvalidIdentityToken", 400, () => AssumeAsync(SamlResponses.Encode(twoAssertions), AdminArn));
    }

    [Fact]
    public async Task The_signing_key_is_saved_with_the_account()
    {
        await SetUpAsync();
        var path = Path.Combine(Path.GetTempPath(), "iamops-saml-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            _account.Save(path);
            var reloaded = SimulatedAccount.Load(path, _clock);

            var session = await reloaded.Connect().Sts.AssumeRoleWithSamlAsync(new AssumeRoleWithSamlRequest { RoleArn = RoleArn, PrincipalArn = ProviderArn, SamlAssertion = reloaded.NewSamlAssertion(ProviderArn, RoleArn, "bob") }, None);

            Assert.Equal($"arn:aws:sts::{Account}:assumed-role/sso/bob", session.Session.AssumedRoleArn);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task SetUpAsync()
    {
        await _admin.Iam.CreateSamlProviderAsync("Okta", _account.NewSamlMetadata(EntityId), None);
        foreach (var name in new[] { "sso", "admin" })
        {
            await _admin.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = Expect.Trust($"{{\"Federated\":\"{ProviderArn}\"}}", """{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}""", "sts:AssumeRoleWithSAML") }, None);
        }

        _clock.Advance(TimeSpan.FromSeconds(30));
    }

    private Task<FederatedRoleSession> AssumeAsync(string assertion, string roleArn = RoleArn) =>
        _admin.Sts.AssumeRoleWithSamlAsync(new AssumeRoleWithSamlRequest { RoleArn = roleArn, PrincipalArn = ProviderArn, SamlAssertion = assertion }, None);
}

namespace IamOps.Simulator;

// The sandbox as an identity provider's issuer: it mints signed ID tokens that AssumeRoleWithWebIdentity verifies, and
// signed SAML Responses (with the metadata that publishes its certificate) that AssumeRoleWithSAML verifies.
public sealed partial class SimulatedAccount
{
    /// <summary>A token valid for an hour from now, for the audience sts.amazonaws.com.</summary>
    public string NewWebIdentityToken(string issuer, string subject) => NewWebIdentityToken(issuer, subject, "sts.amazonaws.com", TimeSpan.FromHours(1));

    /// <summary>A token valid for an hour from now.</summary>
    public string NewWebIdentityToken(string issuer, string subject, string audience) => NewWebIdentityToken(issuer, subject, audience, TimeSpan.FromHours(1));

    /// <summary>
    /// An OIDC ID token (RS256 JWT) as <paramref name="issuer"/> (https://...) would issue it, signed with the sandbox's key,
    /// valid from now (the sandbox clock) for <paramref name="validFor"/>; a negative span gives a token that has already expired.
    /// </summary>
    public string NewWebIdentityToken(string issuer, string subject, string audience, TimeSpan validFor) =>
        NewWebIdentityToken(issuer, subject, audience, validFor, null);

    /// <summary>As above, with more claims (GitHub's repository, ref, environment, ...).</summary>
    public string NewWebIdentityToken(string issuer, string subject, string audience, TimeSpan validFor, IReadOnlyDictionary<string, string>? claims)
    {
        if (string.IsNullOrWhiteSpace(issuer) || string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(audience))
        {
            throw new ArgumentException("A web identity token needs an issuer, a subject and an audience.");
        }

        var key = ChangeAndSave(() => State.TokenIssuerKey ??= WebIdentityTokens.NewKey());
        var now = Now;
        var issuedAt = validFor < TimeSpan.Zero ? now + validFor - TimeSpan.FromHours(1) : now;
        return WebIdentityTokens.Mint(key, issuer, subject, audience, issuedAt, now + validFor, claims);
    }

    /// <summary>
    /// SAML 2.0 IdP metadata for <paramref name="entityId"/> carrying the sandbox's signing certificate: give it to
    /// CreateSAMLProvider (Add-IamIdentityProvider -SamlMetadataDocument), then sign in with <see cref="NewSamlAssertion(string, string, string)"/>.
    /// </summary>
    public string NewSamlMetadata(string entityId)
    {
        if (string.IsNullOrWhiteSpace(entityId))
        {
            throw new ArgumentException("SAML metadata needs an entity ID.");
        }

        var now = Now;
        var key = ChangeAndSave(() => State.SamlSigningKey ??= SamlSignatures.NewKey(now));
        return SamlSignatures.NewMetadata(key, entityId);
    }

    /// <summary>A signed SAML Response valid for five minutes, for the audience https://signin.aws.amazon.com/saml.</summary>
    public string NewSamlAssertion(string providerArn, string roleArn, string sessionName) =>
        NewSamlAssertion(providerArn, roleArn, sessionName, TimeSpan.FromMinutes(5));

    /// <summary>A signed SAML Response valid for <paramref name="validFor"/>, for the audience https://signin.aws.amazon.com/saml.</summary>
    public string NewSamlAssertion(string providerArn, string roleArn, string sessionName, TimeSpan validFor) =>
        NewSamlAssertion(providerArn, roleArn, sessionName, validFor, "https://signin.aws.amazon.com/saml");

    /// <summary>
    /// A base64 SAML 2.0 Response as the identity provider <paramref name="providerArn"/> (a SAML provider of this account;
    /// its metadata's entityID is the issuer) would post it: the Role attribute pairs <paramref name="roleArn"/> with the
    /// provider, the Assertion is signed with the sandbox's key (enveloped, exclusive c14n, RSA-SHA256), valid from now
    /// (the sandbox clock) for <paramref name="validFor"/>; a negative span gives an expired one.
    /// </summary>
    public string NewSamlAssertion(string providerArn, string roleArn, string sessionName, TimeSpan validFor, string audience)
    {
        if (string.IsNullOrWhiteSpace(providerArn) || string.IsNullOrWhiteSpace(roleArn) || string.IsNullOrWhiteSpace(sessionName) || string.IsNullOrWhiteSpace(audience))
        {
            throw new ArgumentException("A SAML assertion needs a provider ARN, a role ARN, a session name and an audience.");
        }

        var now = Now;
        string? issuer = null;
        var key = ChangeAndSave(() =>
        {
            if (State.SamlProviders.TryGetValue(providerArn, out var provider))
            {
                issuer = SamlEntityId(provider.MetadataDocument);
            }

            return State.SamlSigningKey ??= SamlSignatures.NewKey(now);
        });
        if (issuer is null)
        {
            throw new ArgumentException($"No SAML provider {providerArn} with an entityID in account {AccountId}: create it first (NewSamlMetadata gives its metadata).");
        }

        var issueInstant = validFor < TimeSpan.Zero ? now + validFor - TimeSpan.FromMinutes(5) : now;
        return SamlSignatures.NewResponse(key, issuer, providerArn, roleArn, sessionName, audience, issueInstant, now + validFor);
    }

    private static string? SamlEntityId(string metadata)
    {
        using var reader = System.Xml.XmlReader.Create(new StringReader(metadata), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
        var root = System.Xml.Linq.XElement.Load(reader);
        var name = System.Xml.Linq.XName.Get("EntityDescriptor", SamlSignatures.Metadata);
        var entity = root.Name == name ? root : root.Descendants(name).FirstOrDefault();
        return (string?)entity?.Attribute("entityID");
    }

    private T ChangeAndSave<T>(Func<T> change)
    {
        var result = default(T)!;
        ChangeAndSave(() => { result = change(); });
        return result;
    }
}

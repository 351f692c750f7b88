namespace IamOps.Simulator;

// The sandbox as an identity provider's issuer: it mints signed ID tokens that AssumeRoleWithWebIdentity verifies.
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

    private T ChangeAndSave<T>(Func<T> change)
    {
        var result = default(T)!;
        ChangeAndSave(() => { result = change(); });
        return result;
    }
}

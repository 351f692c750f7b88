using System.Security.Cryptography;
using IamOps.Simulator.State;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IamOps.Simulator;

/// <summary>
/// The sandbox as an OIDC issuer: signs ID tokens (RS256) with the account's key and verifies them with
/// Microsoft.IdentityModel.JsonWebTokens. Kept in its own class so the JWT assemblies load only when tokens are used.
/// </summary>
internal static class WebIdentityTokens
{
    public static TokenIssuerKeyState NewKey()
    {
        using var rsa = RSA.Create();
        rsa.KeySize = 2048;
        var p = rsa.ExportParameters(includePrivateParameters: true);
        return new TokenIssuerKeyState
        {
            KeyId = SecretGenerator.UniqueId("KID"),
            Modulus = p.Modulus!, Exponent = p.Exponent!, D = p.D!, P = p.P!, Q = p.Q!, DP = p.DP!, DQ = p.DQ!, InverseQ = p.InverseQ!,
        };
    }

    public static string Mint(TokenIssuerKeyState key, string issuer, string subject, string audience, DateTime issuedAt, DateTime expires, IReadOnlyDictionary<string, string>? claims)
    {
        var all = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = subject };
        foreach (var claim in claims ?? new Dictionary<string, string>())
        {
            all[claim.Key] = claim.Value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = all,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            SigningCredentials = new SigningCredentials(SigningKey(key), SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The issuer claim of a token not yet verified; null when the text is not a JWT.</summary>
    public static string? UnverifiedIssuer(string token)
    {
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Verifies signature, issuer and audience (lifetime is the caller's: it runs on the sandbox clock). Returns the
    /// token's string claims, or the refusal reason.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Claims, DateTime Expires, string? Refusal) Verify(TokenIssuerKeyState key, string token, string issuer, IEnumerable<string> audiences)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudiences = audiences.ToList(),
            IssuerSigningKey = SigningKey(key),
            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
        var result = new JsonWebTokenHandler().ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            return (null, default, result.Exception switch
            {
                SecurityTokenInvalidAudienceException => "Incorrect token audience",
                SecurityTokenInvalidIssuerException => "Incorrect token issuer",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature could not be verified with the provider's keys",
                _ => "The ID Token provided is not a valid JWT",
            });
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var claim in jwt.Claims)
        {
            claims[claim.Type] = claim.Value;
        }

        return (claims, jwt.ValidTo, null);
    }

    private static RsaSecurityKey SigningKey(TokenIssuerKeyState key) => new(new RSAParameters
    {
        Modulus = key.Modulus, Exponent = key.Exponent, D = key.D, P = key.P, Q = key.Q, DP = key.DP, DQ = key.DQ, InverseQ = key.InverseQ,
    }) { KeyId = key.KeyId };
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IamOps.RoleAssume;

/// <summary>
/// An OIDC ID token (a JWT) to exchange for role credentials, with the claims read (not verified: STS does that) to
/// explain a denial. Its text never appears in ToString, messages or errors.
/// </summary>
public sealed class WebIdentityToken
{
    private WebIdentityToken(string text, string source)
    {
        Text = text;
        Source = source;
    }

    /// <summary>The token itself, for the STS call only.</summary>
    internal string Text { get; }

    /// <summary>Where it came from (-WebIdentityToken, a file, GitHub Actions, AWS_WEB_IDENTITY_TOKEN_FILE), for messages.</summary>
    public string Source { get; }

    public string? Issuer { get; private set; }

    public string? Subject { get; private set; }

    /// <summary>The aud claim (several joined by ", ").</summary>
    public string? Audience { get; private set; }

    /// <summary>The exp claim, when the token has one.</summary>
    public DateTime? Expires { get; private set; }

    /// <summary>A digest that tells tokens apart in the session cache; holds nothing of the token.</summary>
    internal string Digest
    {
        get
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(Text)));
        }
    }

    /// <summary>Reads a token given as text; a text that is not a JWT fails here, before any call.</summary>
    public static WebIdentityToken Parse(string? text, string source)
    {
        var token = (text ?? string.Empty).Trim();
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Take(2).Any(p => p.Length == 0))
        {
            throw Malformed(source, "it is not three dot-separated parts (header.payload.signature)");
        }

        var parsed = new WebIdentityToken(token, source);
        try
        {
            using var payload = JsonDocument.Parse(Base64Url(parts[1]));
            var claims = payload.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(source, "its payload is not a JSON object");
            }

            parsed.Issuer = Claim(claims, "iss");
            parsed.Subject = Claim(claims, "sub");
            parsed.Audience = claims.TryGetProperty("aud", out var aud) && aud.ValueKind == JsonValueKind.Array
                ? string.Join(", ", aud.EnumerateArray().Select(a => a.ToString()))
                : Claim(claims, "aud");
            parsed.Expires = claims.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds)
                ? new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            throw Malformed(source, "its payload is not base64url-encoded JSON");
        }

        return parsed;
    }

    /// <summary>Reads the token a file holds (as AWS_WEB_IDENTITY_TOKEN_FILE or a CI system writes it).</summary>
    public static WebIdentityToken FromFile(string path, string source)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IamOpsException("WebIdentityTokenFileUnreadable", FailureKind.ReadError,
                $"The web identity token file '{path}' ({source}) cannot be read: {ex.Message} Check the path and that the CI job wrote the token before this step.", path, ex);
        }

        return Parse(text, $"{source} '{path}'");
    }

    /// <summary>Who the token speaks for, never its text.</summary>
    public override string ToString() => $"web identity token from {Source} (iss {Issuer}, sub {Subject}, aud {Audience})";

    private static string? Claim(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;

    private static byte[] Base64Url(string segment)
    {
        var base64 = segment.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64 + new string('=', (4 - (base64.Length % 4)) % 4));
    }

    private static IamOpsException Malformed(string source, string why) =>
        new("WebIdentityTokenMalformed", FailureKind.InvalidArgument,
            $"The web identity token from {source} is not a JWT: {why}. Pass the OIDC ID token itself (eyJ...), not an access token or the JSON answer around it.", source);
}

using System.Text.RegularExpressions;

namespace IamOps.Secrets;

/// <summary>
/// A virtual MFA device's seed as users hold it: the Base32 text IAM showed once, the otpauth:// URI of its QR code,
/// or a file holding either. Only HMAC-SHA1, 6 digits and 30-second steps (what IAM's virtual devices use) are accepted.
/// </summary>
public static class MfaSeed
{
    private static readonly Regex Base32Text = new("^[A-Za-z2-7 ]+=*$", RegexOptions.CultureInvariant);

    /// <summary>The seed's bytes from Base32 text or an otpauth:// URI; a clear error, without the secret, otherwise.</summary>
    public static byte[] Parse(string text, string source)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("otpauth://", StringComparison.OrdinalIgnoreCase))
        {
            return FromOtpAuthUri(trimmed, source);
        }

        if (trimmed.Length < 16 || !Base32Text.IsMatch(trimmed))
        {
            throw Invalid(source, "it is neither a Base32 seed (letters A-Z and digits 2-7, as IAM shows it) nor an otpauth:// URI");
        }

        return OneTimePassword.FromBase32(trimmed);
    }

    /// <summary>The seed in a file: the first line that is a Base32 seed or an otpauth:// URI.</summary>
    public static byte[] ReadFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new IamOpsException("MfaSeedFileUnreadable", FailureKind.ReadError, $"The seed file '{path}' could not be read: {ex.Message}", path, ex);
        }

        var line = lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal));
        return line is null
            ? throw Invalid("-SeedFile '" + path + "'", "the file is empty")
            : Parse(line, "-SeedFile '" + path + "'");
    }

    private static byte[] FromOtpAuthUri(string text, string source)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !string.Equals(uri.Host, "totp", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(source, "an MFA device's URI looks like otpauth://totp/<label>?secret=<Base32 seed>");
        }

        var query = uri.Query.TrimStart('?').Split('&')
            .Select(p => p.Split(new[] { '=' }, 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]).ToLowerInvariant(), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty);
        if (!query.TryGetValue("secret", out var secret) || secret.Length == 0)
        {
            throw Invalid(source, "the URI has no secret= parameter");
        }

        if ((query.TryGetValue("algorithm", out var algorithm) && !string.Equals(algorithm, "SHA1", StringComparison.OrdinalIgnoreCase))
            || (query.TryGetValue("digits", out var digits) && digits != "6")
            || (query.TryGetValue("period", out var period) && period != "30"))
        {
            throw Invalid(source, "only SHA1, 6 digits and a 30-second period are supported (what AWS virtual MFA devices use)");
        }

        return Parse(secret, source);
    }

    private static IamOpsException Invalid(string source, string why) =>
        new("MfaSeedInvalid", FailureKind.InvalidArgument, $"{source} is not a usable MFA seed: {why}.");
}

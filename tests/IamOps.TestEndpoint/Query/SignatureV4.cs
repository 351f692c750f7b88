using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>
/// Checks an AWS Signature Version 4 Authorization header against the secret of the access key it names: rebuilds the
/// canonical request, the string to sign and the derived key, and compares signatures in constant time.
/// </summary>
internal sealed class SignatureV4
{
    private const int SigningKeyCacheLimit = 1024;

    // A derived key depends only on secret, date, region and service: four HMACs saved on every later request.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> SigningKeys = new(StringComparer.Ordinal);

    private SignatureV4(string accessKeyId, string date, string region, string service, IReadOnlyList<string> signedHeaders, string signature)
    {
        AccessKeyId = accessKeyId;
        Date = date;
        Region = region;
        Service = service;
        SignedHeaders = signedHeaders;
        Signature = signature;
    }

    public string AccessKeyId { get; }

    public string Date { get; }

    public string Region { get; }

    /// <summary>The credential scope's service: iam, sts or s3; the endpoint routes by it.</summary>
    public string Service { get; }

    public IReadOnlyList<string> SignedHeaders { get; }

    public string Signature { get; }

    /// <summary>Null when there is no Authorization header; a ServiceError (IncompleteSignature) when it cannot be read.</summary>
    public static SignatureV4? Parse(SimpleHttpRequest request)
    {
        var header = request.Header("authorization");
        if (header is null)
        {
            return null;
        }

        const string Algorithm = "AWS4-HMAC-SHA256 ";
        if (!header.StartsWith(Algorithm, StringComparison.Ordinal))
        {
            throw Incomplete("Authorization header requires the AWS4-HMAC-SHA256 algorithm.");
        }

        var fields = header.Substring(Algorithm.Length).Split(',')
            .Select(p => p.Trim().Split(new[] { '=' }, 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signed) || !fields.TryGetValue("Signature", out var signature))
        {
            throw Incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            throw Incomplete($"Credential should be scoped to a valid region, not '{credential}'.");
        }

        return new SignatureV4(scope[0], scope[1], scope[2], scope[3], signed.Split(';'), signature);
    }

    public bool Verify(SimpleHttpRequest request, string secretAccessKey)
    {
        var amzDate = request.Header("x-amz-date");
        if (amzDate is null || !amzDate.StartsWith(Date, StringComparison.Ordinal) || !SignedHeaders.Contains("host"))
        {
            return false;
        }

        var payloadHash = request.Header("x-amz-content-sha256") is { } declared && Service == "s3" ? declared : Hex(Sha256(request.Body));
        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(CanonicalPath(request.RawPath)).Append('\n')
            .Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in SignedHeaders)
        {
            var value = request.Header(name) ?? string.Empty;
            canonical.Append(name).Append(':').Append(CollapseSpaces(value.Trim())).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(";", SignedHeaders)).Append('\n').Append(payloadHash);
        var scope = $"{Date}/{Region}/{Service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(Sha256(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var expected = Hex(Hmac(SigningKey(secretAccessKey), stringToSign));
        return FixedTimeEquals(expected, Signature);
    }

    private byte[] SigningKey(string secretAccessKey)
    {
        var cacheKey = string.Join("\n", secretAccessKey, Date, Region, Service);
        if (SigningKeys.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Date);
        key = Hmac(key, Region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        if (SigningKeys.Count >= SigningKeyCacheLimit)
        {
            SigningKeys.Clear();
        }

        SigningKeys[cacheKey] = key;
        return key;
    }

    private static ServiceError Incomplete(string message) => new("IncompleteSignature", 400, message);

    /// <summary>S3 signs the path as sent; other services sign it encoded once more.</summary>
    private string CanonicalPath(string rawPath)
    {
        if (Service == "s3")
        {
            return rawPath;
        }

        return string.Join("/", rawPath.Split('/').Select(UriEncode));
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return string.Empty;
        }

        return string.Join("&", rawQuery.Split('&')
            .Where(p => p.Length > 0)
            .Select(p =>
            {
                var pair = p.Split(new[] { '=' }, 2);
                return (Name: UriEncode(Uri.UnescapeDataString(pair[0])), Value: UriEncode(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : string.Empty)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>RFC 3986 encoding as SigV4 defines it: unreserved characters stay, everything else is %XX (upper case).</summary>
    internal static string UriEncode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static string CollapseSpaces(string value)
    {
        var text = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                if (!space)
                {
                    text.Append(c);
                }

                space = true;
            }
            else
            {
                text.Append(c);
                space = false;
            }
        }

        return text.ToString();
    }

    private static byte[] Sha256(byte[] data)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
    }

    private static byte[] Hmac(byte[] key, string data)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
    }

    private static string Hex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static bool FixedTimeEquals(string left, string right)
    {
        var difference = left.Length ^ right.Length;
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            difference |= left[i] ^ right[i];
        }

        return difference == 0;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace IamOps.Simulator;

/// <summary>Identifiers and secrets in AWS's shapes: AIDA…/AROA… unique ids, AKIA…/ASIA… key ids, 40-character secrets.</summary>
internal static class SecretGenerator
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>A 21-character unique id such as AIDA plus 17 characters.</summary>
    public static string UniqueId(string prefix) => prefix + Random(IdAlphabet, 21 - prefix.Length);

    /// <summary>A 20-character access key id: AKIA for long-term keys, ASIA for session keys.</summary>
    public static string AccessKeyId(string prefix) => prefix + Random(IdAlphabet, 16);

    public static string SecretAccessKey() => Random(SecretAlphabet, 40);

    public static string SessionToken() => "IQoJb3JpZ2luX2VjE" + Random(SecretAlphabet, 300);

    /// <summary>An EC2 resource id such as i-0123456789abcdef0 or iip-assoc-0123456789abcdef0: the prefix and 17 hex digits.</summary>
    public static string Ec2Id(string prefix) => prefix + "-" + Random("0123456789abcdef", 17);

    /// <summary>An Organizations id: the prefix and <paramref name="length"/> lowercase letters and digits (o-…, r-…, p-…).</summary>
    public static string OrganizationsId(string prefix, int length) => prefix + Random("abcdefghijklmnopqrstuvwxyz0123456789", length);

    public static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(bytes);
        return bytes;
    }

    public static string AccountId()
    {
        var bytes = Bytes(12);
        var text = new StringBuilder(12);
        text.Append((char)('1' + (bytes[0] % 9)));
        for (var i = 1; i < 12; i++)
        {
            text.Append((char)('0' + (bytes[i] % 10)));
        }

        return text.ToString();
    }

    private static string Random(string alphabet, int length)
    {
        var bytes = Bytes(length);
        var text = new StringBuilder(length);
        foreach (var b in bytes)
        {
            text.Append(alphabet[b % alphabet.Length]);
        }

        return text.ToString();
    }
}

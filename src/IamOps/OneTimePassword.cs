using System.Globalization;
using System.Security.Cryptography;

namespace IamOps;

/// <summary>RFC 6238 TOTP as virtual MFA devices use it (HMAC-SHA1 over 30-second steps, 6 digits), and RFC 4648 Base32 seeds.</summary>
public static class OneTimePassword
{
    public const int StepSeconds = 30;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The 6-digit code an authenticator app shows at <paramref name="utc"/> for <paramref name="base32Seed"/>.</summary>
    public static string Compute(string base32Seed, DateTime utc) => ComputeAtStep(FromBase32(base32Seed), StepAt(utc));

    public static long StepAt(DateTime utc) => (long)Math.Floor((ToUtc(utc) - Epoch).TotalSeconds / StepSeconds);

    /// <summary>When the 30-second window of <paramref name="step"/> starts (UTC).</summary>
    public static DateTime StepStart(long step) => Epoch.AddSeconds(step * StepSeconds);

    public static string ComputeAtStep(byte[] key, long step)
    {
        var counter = new byte[8];
        for (var i = 7; i >= 0; i--)
        {
            counter[i] = (byte)(step & 0xFF);
            step >>= 8;
        }

#pragma warning disable CA5350 // RFC 6238 as authenticator apps implement it is HMAC-SHA1.
        using var hmac = new HMACSHA1(key);
#pragma warning restore CA5350
        var hash = hmac.ComputeHash(counter);
        var offset = hash[hash.Length - 1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    public static string ToBase32(byte[] data)
    {
        var text = new System.Text.StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    /// <summary>Base32 as authenticator apps accept it: case, spaces and padding ignored.</summary>
    public static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.Replace(" ", string.Empty).TrimEnd('='))
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a Base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)((buffer >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }

        return bytes.ToArray();
    }

    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}

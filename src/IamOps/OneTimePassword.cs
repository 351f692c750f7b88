using OtpNet;

namespace IamOps;

/// <summary>
/// RFC 6238 TOTP as virtual MFA devices use it (HMAC-SHA1 over 30-second steps, 6 digits), and RFC 4648 Base32 seeds,
/// on Otp.NET; this class only fixes IAM's parameters and the forms users hold seeds in.
/// </summary>
public static class OneTimePassword
{
    public const int StepSeconds = 30;

    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The 6-digit code an authenticator app shows at <paramref name="utc"/> for <paramref name="base32Seed"/>.</summary>
    public static string Compute(string base32Seed, DateTime utc) => new Totp(FromBase32(base32Seed), StepSeconds, OtpHashMode.Sha1, 6).ComputeTotp(ToUtc(utc));

    public static long StepAt(DateTime utc) => (long)Math.Floor((ToUtc(utc) - Epoch).TotalSeconds / StepSeconds);

    /// <summary>When the 30-second window of <paramref name="step"/> starts (UTC).</summary>
    public static DateTime StepStart(long step) => Epoch.AddSeconds(step * StepSeconds);

    /// <summary>The code of time step <paramref name="step"/>: TOTP is HOTP with the step as the counter (RFC 6238 section 4).</summary>
    public static string ComputeAtStep(byte[] key, long step) => new Hotp(key, OtpHashMode.Sha1, 6).ComputeHOTP(step);

    /// <summary>Base32 as IAM writes seeds: without padding.</summary>
    public static string ToBase32(byte[] data) => data.Length == 0 ? string.Empty : Base32Encoding.ToString(data).TrimEnd('=');

    /// <summary>Base32 as authenticator apps accept it: case, spaces and padding ignored.</summary>
    public static byte[] FromBase32(string text)
    {
        var compact = text.Replace(" ", string.Empty).TrimEnd('=');
        if (compact.Length == 0)
        {
            return Array.Empty<byte>();
        }

        try
        {
            return Base32Encoding.ToBytes(compact);
        }
        catch (ArgumentException ex)
        {
            // Otp.NET's message names the character; ours does not repeat any part of a secret.
            throw new FormatException("The text is not Base32: letters A-Z and digits 2-7.", ex);
        }
    }

    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}

using OtpNet;

namespace IamOps.Simulator;

/// <summary>
/// The codes a virtual MFA device shows, as IAM checks them: RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) on
/// Otp.NET, Base32 seeds as IAM writes them (no padding), and the otpauth:// URI IAM's QR codes hold.
/// </summary>
public static class TimeBasedOneTimePassword
{
    public const int StepSeconds = 30;

    private const int Digits = 6;

    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The 6-digit code an authenticator app shows at <paramref name="utc"/> for <paramref name="base32Seed"/>.</summary>
    public static string Compute(string base32Seed, DateTime utc) => new Totp(FromBase32(base32Seed), StepSeconds, OtpHashMode.Sha1, Digits).ComputeTotp(ToUtc(utc));

    public static long StepAt(DateTime utc) => (long)Math.Floor((ToUtc(utc) - Epoch).TotalSeconds / StepSeconds);

    /// <summary>The otpauth:// URI an authenticator app reads from the QR code, as IAM encodes it.</summary>
    public static string OtpAuthUri(string base32Seed, string deviceName, string accountLabel) =>
        "otpauth://totp/" + Uri.EscapeDataString($"Amazon Web Services:{deviceName}@{accountLabel}")
        + "?secret=" + base32Seed + "&issuer=" + Uri.EscapeDataString("Amazon Web Services");

    public static string ToBase32(byte[] data) => data.Length == 0 ? string.Empty : Base32Encoding.ToString(data).TrimEnd('=');

    public static byte[] FromBase32(string text) => text.Length == 0 ? Array.Empty<byte>() : Base32Encoding.ToBytes(text);

    /// <summary>The code of time step <paramref name="step"/>: TOTP is HOTP with the step as the counter (RFC 6238 section 4).</summary>
    internal static string ComputeAtStep(byte[] key, long step) => new Hotp(key, OtpHashMode.Sha1, Digits).ComputeHOTP(step);

    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}

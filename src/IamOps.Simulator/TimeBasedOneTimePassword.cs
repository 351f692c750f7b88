
namespace IamOps.Simulator;

/// <summary>The module's RFC 6238 TOTP (<see cref="OneTimePassword"/>), under the name the simulator's code and tests use; plus the otpauth:// URI IAM's QR codes hold.</summary>
public static class TimeBasedOneTimePassword
{
    public const int StepSeconds = 30;

    /// <summary>The 6-digit code an authenticator app shows at <paramref name="utc"/> for <paramref name="base32Seed"/>.</summary>
    public static string Compute(string base32Seed, DateTime utc) => OneTimePassword.Compute(base32Seed, utc);

    public static long StepAt(DateTime utc) => OneTimePassword.StepAt(utc);

    /// <summary>The otpauth:// URI an authenticator app reads from the QR code, as IAM encodes it.</summary>
    public static string OtpAuthUri(string base32Seed, string deviceName, string accountLabel) =>
        "otpauth://totp/" + Uri.EscapeDataString($"Amazon Web Services:{deviceName}@{accountLabel}")
        + "?secret=" + base32Seed + "&issuer=" + Uri.EscapeDataString("Amazon Web Services");

    public static string ToBase32(byte[] data) => OneTimePassword.ToBase32(data);

    public static byte[] FromBase32(string text) => OneTimePassword.FromBase32(text);

    internal static string ComputeAtStep(byte[] key, long step) => OneTimePassword.ComputeAtStep(key, step);
}

using System.Security.Cryptography;

namespace IamOps.Secrets;

/// <summary>
/// Initial console passwords from a cryptographic RNG that satisfy the account's effective password policy: at least
/// 20 characters (or the policy's minimum if higher), one of each character class IAM knows.
/// </summary>
public static class InitialPassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    // IAM's symbol set; ambiguous-looking and shell- or CSV-troublesome characters (quotes, backslash, comma) left out.
    private const string Symbols = "!@#$%^&*()_+-=[]{}|";

    /// <param name="minimumLength">The password policy's minimum length (MinimumPasswordLength), or null without a policy.</param>
    public static string Generate(int? minimumLength)
    {
        var length = Math.Max(20, minimumLength ?? 0);
        var classes = new[] { Upper, Lower, Digits, Symbols };
        var all = string.Concat(classes);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var pool = i < classes.Length ? classes[i] : all;
            chars[i] = pool[RandomIndex(pool.Length)];
        }

        // Shuffle so the guaranteed classes are not always first (Fisher-Yates with the same RNG).
        for (var i = length - 1; i > 0; i--)
        {
            var j = RandomIndex(i + 1);
            (chars[i], chars[j]) = (chars[j], chars[i]);
        }

        return new string(chars);
    }

    private static int RandomIndex(int exclusiveMax)
    {
        // Rejection sampling keeps every index equally likely.
        var limit = uint.MaxValue - (uint.MaxValue % (uint)exclusiveMax);
        var buffer = new byte[4];
        uint value;
        do
        {
            RandomSource.GetBytes(buffer);
            value = BitConverter.ToUInt32(buffer, 0);
        }
        while (value >= limit);
        return (int)(value % (uint)exclusiveMax);
    }

    private static readonly RandomNumberGenerator RandomSource = RandomNumberGenerator.Create();
}

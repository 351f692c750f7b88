using System.Reflection;
using System.Security.Cryptography;

namespace IamOps.Simulator;

/// <summary>Console passwords kept only as PBKDF2-SHA256 hashes: "pbkdf2-sha256$iterations$salt$hash".</summary>
internal static class PasswordHash
{
    /// <summary>The work factor of new hashes; stored hashes carry their own, so verification never depends on it.</summary>
    public const int DefaultIterations = 10_000;

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        var salt = SecretGenerator.Bytes(16);
        return $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(Derive(password, salt, iterations))}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations))
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(password, Convert.FromBase64String(parts[2]), iterations);
        var difference = expected.Length ^ actual.Length;
        for (var i = 0; i < Math.Min(expected.Length, actual.Length); i++)
        {
            difference |= expected[i] ^ actual[i];
        }

        return difference == 0;
    }

    // .NET 6 and later: Rfc2898DeriveBytes.Pbkdf2, one call into the platform's crypto library (about twice as fast as
    // the loop below, which calls HMAC once per iteration). netstandard2.0 cannot name it, so it is looked up once.
    private static readonly Func<byte[], byte[], int, HashAlgorithmName, int, byte[]>? PlatformPbkdf2 = FindPlatformPbkdf2();

    /// <summary>RFC 8018 PBKDF2 with HMAC-SHA256, one 32-byte block: the platform's where it has one, else <see cref="DeriveManaged"/>.</summary>
    internal static byte[] Derive(string password, byte[] salt, int iterations) =>
        PlatformPbkdf2?.Invoke(System.Text.Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32)
        ?? DeriveManaged(password, salt, iterations);

    private static Func<byte[], byte[], int, HashAlgorithmName, int, byte[]>? FindPlatformPbkdf2()
    {
        var method = typeof(Rfc2898DeriveBytes).GetMethod("Pbkdf2", BindingFlags.Public | BindingFlags.Static, null,
            new[] { typeof(byte[]), typeof(byte[]), typeof(int), typeof(HashAlgorithmName), typeof(int) }, null);
        return method is null ? null : (Func<byte[], byte[], int, HashAlgorithmName, int, byte[]>)Delegate.CreateDelegate(typeof(Func<byte[], byte[], int, HashAlgorithmName, int, byte[]>), method);
    }

    /// <summary>The same derivation by hand, where the platform has none (Windows PowerShell's .NET Framework): netstandard2.0's Rfc2898DeriveBytes offers only SHA-1.</summary>
    internal static byte[] DeriveManaged(string password, byte[] salt, int iterations)
    {
        using var hmac = new HMACSHA256(System.Text.Encoding.UTF8.GetBytes(password));
        var block = new byte[salt.Length + 4];
        Buffer.BlockCopy(salt, 0, block, 0, salt.Length);
        block[block.Length - 1] = 1;
        var u = hmac.ComputeHash(block);
        var result = (byte[])u.Clone();
        for (var i = 1; i < iterations; i++)
        {
            u = hmac.ComputeHash(u);
            for (var j = 0; j < result.Length; j++)
            {
                result[j] ^= u[j];
            }
        }

        return result;
    }
}

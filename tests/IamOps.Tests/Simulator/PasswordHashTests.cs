using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>The sandbox's console password hashes: PBKDF2-HMAC-SHA256 by the platform where it has it, by hand otherwise, the same bytes either way.</summary>
public sealed class PasswordHashTests
{
    // RFC 7914, section 11: PBKDF2-HMAC-SHA256 test vectors (the first 32 bytes, the one block a hash keeps).
    [Theory]
    [InlineData("passwd", "salt", 1, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")]
    [InlineData("Password", "NaCl", 80000, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56")]
    public void Both_derivations_give_the_RFC_7914_bytes(string password, string salt, int iterations, string expected)
    {
        var saltBytes = System.Text.Encoding.ASCII.GetBytes(salt);

        Assert.Equal(expected, Convert.ToHexString(PasswordHash.Derive(password, saltBytes, iterations)).ToLowerInvariant());
        Assert.Equal(expected, Convert.ToHexString(PasswordHash.DeriveManaged(password, saltBytes, iterations)).ToLowerInvariant());
    }

    [Fact]
    public void A_hash_verifies_its_password_only()
    {
        var stored = PasswordHash.Hash("Corr3ct-Horse!", 1000);

        Assert.StartsWith("pbkdf2-sha256$1000$", stored, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("Corr3ct-Horse!", stored));
        Assert.False(PasswordHash.Verify("Corr3ct-Horse?", stored));
        Assert.NotEqual(stored, PasswordHash.Hash("Corr3ct-Horse!", 1000));
    }
}

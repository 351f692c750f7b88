using System.Text;
using IamOps.Secrets;

namespace IamOps.Tests.Secrets;

/// <summary>Get-IamMfaCode's logic: TOTP from a seed in the forms users hold it (Base32, otpauth URI, a file).</summary>
public sealed class OneTimePasswordTests
{
    private static readonly string Rfc6238Seed = OneTimePassword.ToBase32(Encoding.ASCII.GetBytes("12345678901234567890"));

    [Fact]
    public void The_code_matches_RFC_6238_and_says_its_window()
    {
        var code = MfaCode.At(MfaSeed.Parse(Rfc6238Seed, "-Seed"), DateTimeOffset.FromUnixTimeSeconds(1111111109).UtcDateTime, "arn:aws:iam::111122223333:mfa/alice");

        Assert.Equal("081804", code.TokenCode);
        Assert.Equal("081804", code.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1111111080).UtcDateTime, code.ValidFrom);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1111111110).UtcDateTime, code.ValidUntil);
    }

    [Theory]
    [InlineData("otpauth://totp/Amazon%20Web%20Services%3Aalice%40acme?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services")]
    [InlineData("gezdgnbvgy3tqojqgezdgnbvgy3tqojq")]
    [InlineData("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")]
    public void A_seed_is_read_from_an_otpauth_uri_or_base32_text_as_apps_accept_it(string text)
    {
        Assert.Equal(Encoding.ASCII.GetBytes("12345678901234567890"), MfaSeed.Parse(text, "-Seed"));
    }

    [Theory]
    [InlineData("not a seed!")]
    [InlineData("otpauth://totp/x?issuer=AWS")]
    [InlineData("otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256")]
    [InlineData("otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")]
    public void Anything_else_is_MfaSeedInvalid_without_repeating_the_secret(string text)
    {
        var failure = Assert.Throws<IamOpsException>(() => MfaSeed.Parse(text, "-Seed"));

        Assert.Equal("MfaSeedInvalid", failure.ErrorId);
        Assert.DoesNotContain("GEZDGNBV", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_file_gives_its_first_seed_line()
    {
        var path = Path.Combine(Path.GetTempPath(), "iamops-seed-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, "# alice's device\n\n" + Rfc6238Seed + "\n");
        try
        {
            Assert.Equal(Encoding.ASCII.GetBytes("12345678901234567890"), MfaSeed.ReadFile(path));
            Assert.Equal("MfaSeedFileUnreadable", Assert.Throws<IamOpsException>(() => MfaSeed.ReadFile(path + ".missing")).ErrorId);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

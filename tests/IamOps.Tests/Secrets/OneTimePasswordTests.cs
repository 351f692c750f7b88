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

    // RFC 6238 appendix B, SHA-1 key "12345678901234567890": the last six of the eight-digit codes, at each time and at its step.
    [Theory]
    [InlineData(59L, 1L, "287082")]
    [InlineData(1111111109L, 37037036L, "081804")]
    [InlineData(1111111111L, 37037037L, "050471")]
    [InlineData(1234567890L, 41152263L, "005924")]
    [InlineData(2000000000L, 66666666L, "279037")]
    [InlineData(20000000000L, 666666666L, "353130")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixSeconds, long step, string expected)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;

        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Rfc6238Seed);
        Assert.Equal(step, OneTimePassword.StepAt(at));
        Assert.Equal(expected, OneTimePassword.Compute(Rfc6238Seed, at));
        Assert.Equal(expected, OneTimePassword.ComputeAtStep(Encoding.ASCII.GetBytes("12345678901234567890"), step));
    }

    [Fact]
    public void A_local_time_gives_the_code_of_the_same_instant()
    {
        var utc = DateTimeOffset.FromUnixTimeSeconds(1111111109).UtcDateTime;

        Assert.Equal("081804", OneTimePassword.Compute(Rfc6238Seed, utc.ToLocalTime()));
    }

    [Fact]
    public void Base32_round_trips_every_length_without_padding_and_rejects_other_characters_without_naming_them()
    {
        for (var length = 0; length <= 41; length++)
        {
            var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 37 + 11)).ToArray();
            var text = OneTimePassword.ToBase32(bytes);

            Assert.DoesNotContain('=', text);
            Assert.Equal(bytes, OneTimePassword.FromBase32(text));
            Assert.Equal(bytes, OneTimePassword.FromBase32(text.ToLowerInvariant() + "===="));
        }

        var failure = Assert.Throws<FormatException>(() => OneTimePassword.FromBase32("GEZD1NBV"));
        Assert.DoesNotContain("1", failure.Message, StringComparison.Ordinal);
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

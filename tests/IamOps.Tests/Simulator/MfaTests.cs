using System.Text;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

public sealed class MfaTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedAccount _account;
    private readonly IIam _iam;

    public MfaTests()
    {
        _account = new SimulatedAccount("111122223333", _clock);
        _iam = _account.Connect().Iam;
    }

    // RFC 6238 appendix B, SHA-1 key "12345678901234567890": the last six of the eight-digit codes.
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Totp_matches_the_RFC_6238_test_vectors(long unixSeconds, string expected)
    {
        var seed = TimeBasedOneTimePassword.ToBase32(Encoding.ASCII.GetBytes("12345678901234567890"));
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", seed);
        Assert.Equal(expected, TimeBasedOneTimePassword.Compute(seed, DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime));
    }

    [Fact]
    public void Base32_round_trips_bytes()
    {
        var bytes = Enumerable.Range(0, 40).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(bytes, TimeBasedOneTimePassword.FromBase32(TimeBasedOneTimePassword.ToBase32(bytes)));
    }

    [Fact]
    public async Task Virtual_device_has_a_64_character_Base32_seed_and_an_otpauth_uri()
    {
        var device = await _iam.CreateVirtualMfaDeviceAsync("alice", null, Array.Empty<IamTag>(), None);
        Assert.Equal("arn:aws:iam::111122223333:mfa/alice", device.SerialNumber);
        Assert.Matches("^[A-Z2-7]{64}$", device.Base32StringSeed);
        var uri = _account.VirtualMfaOtpAuthUri(device.SerialNumber);
        Assert.Equal($"otpauth://totp/Amazon%20Web%20Services%3Aalice%40111122223333?secret={device.Base32StringSeed}&issuer=Amazon%20Web%20Services", uri);
        await Expect.AwsError("EntityAlreadyExists", 409, () => _iam.CreateVirtualMfaDeviceAsync("alice", null, Array.Empty<IamTag>(), None));
    }

    [Fact]
    public async Task Enable_needs_two_consecutive_codes()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        var device = await _iam.CreateVirtualMfaDeviceAsync("alice", null, Array.Empty<IamTag>(), None);
        var previous = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start.AddSeconds(-30));
        var current = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start);
        var error = await Expect.AwsError("InvalidAuthenticationCode", 403, () => _iam.EnableMfaDeviceAsync("alice", device.SerialNumber, current, previous, None));
        Assert.Contains("not valid", error.Message, StringComparison.Ordinal);
        await Expect.AwsError("InvalidAuthenticationCode", 403, () => _iam.EnableMfaDeviceAsync("alice", device.SerialNumber, current, current, None));
        await Expect.AwsError("ValidationError", 400, () => _iam.EnableMfaDeviceAsync("alice", device.SerialNumber, "12345", current, None));
        await _iam.EnableMfaDeviceAsync("alice", device.SerialNumber, previous, current, None);
        var listed = Assert.Single(await Expect.All(_iam.ListMfaDevicesAsync("alice", None)));
        Assert.Equal(device.SerialNumber, listed.SerialNumber);
        Assert.Equal(Start, listed.EnableDate);
    }

    [Fact]
    public async Task A_device_in_use_cannot_be_enabled_again_and_an_unknown_device_is_NoSuchEntity()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None);
        var device = await _iam.CreateVirtualMfaDeviceAsync("shared", null, Array.Empty<IamTag>(), None);
        var first = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start.AddSeconds(-30));
        var second = TimeBasedOneTimePassword.Compute(device.Base32StringSeed, Start);
        await _iam.EnableMfaDeviceAsync("alice", device.SerialNumber, first, second, None);
        await Expect.AwsError("EntityAlreadyExists", 409, () => _iam.EnableMfaDeviceAsync("bob", device.SerialNumber, first, second, None));
        await Expect.AwsError("NoSuchEntity", 404, () => _iam.EnableMfaDeviceAsync("bob", "arn:aws:iam::111122223333:mfa/none", first, second, None));
    }
}

using IamOps.Developers;
using IamOps.Secrets;
using IamOps.Simulator;

namespace IamOps.Tests.Developers;

/// <summary>Add-IamDeveloper -EnableVirtualMfa: a device made once (seed shown once), enabled with two codes, nothing on a re-run.</summary>
public sealed class DeveloperMfaTests
{
    private const string AccountId = "210987654321";
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc);

    private static DeveloperRequest Dev(string name, params string[] codes) =>
        OnboardingScenarioTests.Dev(name) with { EnableVirtualMfa = true, MfaCodes = codes };

    [Fact]
    public async Task The_device_is_created_once_with_its_seed_then_enabled_with_two_codes_then_left_alone()
    {
        var clock = new ManualClock(Start);
        var account = new SimulatedAccount(AccountId, clock);

        var created = Assert.Single(await OnboardingScenarioTests.OnboardAsync(account, new[] { Dev("dana") }));
        var seed = SecretText.ToPlainText(created.MfaSeed!);
        var waiting = Assert.Single(await OnboardingScenarioTests.OnboardAsync(account, new[] { Dev("dana") }));
        var enabled = Assert.Single(await OnboardingScenarioTests.OnboardAsync(account, new[]
        {
            Dev("dana", TimeBasedOneTimePassword.Compute(seed, Start.AddSeconds(-30)), TimeBasedOneTimePassword.Compute(seed, Start)),
        }));
        account.CallLog.Clear();
        var rerun = Assert.Single(await OnboardingScenarioTests.OnboardAsync(account, new[] { Dev("dana") }));

        Assert.Equal($"arn:aws:iam::{AccountId}:mfa/dana", created.MfaSerialNumber);
        Assert.False(created.MfaEnabled);
        Assert.StartsWith("otpauth://totp/", SecretText.ToPlainText(created.MfaOtpAuthUri!), StringComparison.Ordinal);
        Assert.Contains("Created virtual MFA device dana", created.Changes);
        Assert.Null(waiting.MfaSeed);
        Assert.Equal(DeveloperStatus.Unchanged, waiting.Status);
        Assert.True(enabled.MfaEnabled);
        Assert.Contains("Enabled the virtual MFA device for user dana", enabled.Changes);
        Assert.Equal(DeveloperStatus.Unchanged, rerun.Status);
        Assert.True(rerun.MfaEnabled);
        Assert.Empty(account.CallLog.MutatingCalls);
    }

    [Theory]
    [InlineData(false, new[] { "123456", "654321" })]
    [InlineData(true, new[] { "123456" })]
    [InlineData(true, new[] { "12345a", "654321" })]
    public void MfaCode_needs_EnableVirtualMfa_and_two_six_digit_codes(bool enable, string[] codes)
    {
        var failure = Assert.Throws<IamOpsException>(() => DeveloperPlanner.Validate(OnboardingScenarioTests.Dev("dana") with { EnableVirtualMfa = enable, MfaCodes = codes }));

        Assert.Equal("MfaCodeInvalid", failure.ErrorId);
    }
}

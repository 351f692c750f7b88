using IamOps.Aws;
using IamOps.Baseline;
using IamOps.Planning;
using IamOps.Policy;
using IamOps.Simulator;

namespace IamOps.Tests.Baseline;

/// <summary>New-IamAdminBaseline's logic against the simulated account: plan, apply, re-run, -WhatIf (faults: Reliability/FaultSweepTests).</summary>
public sealed class BaselineScenarioTests
{
    private const string AccountId = "123456789012";

    private static readonly BaselineRequest Request = new()
    {
        AccountAlias = "acme-demo",
        AdminUserNames = new[] { "alice" },
        ProgrammaticAccess = true,
    };

    [Fact]
    public async Task Fresh_account_changes_then_rerun_is_compliant_with_zero_mutating_calls()
    {
        var account = new SimulatedAccount(AccountId);

        var first = await RunAsync(account, Request);
        account.CallLog.Clear();
        var second = await RunAsync(account, Request);

        Assert.All(first.Controls.Where(c => c.Control != "2.4"), c => Assert.Contains(c.Status, new[] { ControlStatus.Changed, ControlStatus.ActionRequired }));
        Assert.Equal(ControlStatus.Compliant, first.Controls.Single(c => c.Control == "2.4").Status); // the simulated root has no access keys
        Assert.All(second.Controls, c => Assert.Contains(c.Status, new[] { ControlStatus.Compliant, ControlStatus.ActionRequired }));
        Assert.Empty(account.CallLog.MutatingCalls);
        var credential = Assert.Single(first.Credentials);
        Assert.Equal("alice", credential.UserName);
        Assert.NotNull(credential.InitialPassword);
        Assert.NotNull(credential.SecretAccessKey);
        Assert.Equal("https://acme-demo.signin.aws.amazon.com/console", credential.ConsoleSignInUrl);
        Assert.Empty(second.Credentials);
    }

    [Fact]
    public async Task WhatIf_on_a_fresh_account_reports_WouldChange_and_makes_no_mutating_call()
    {
        var account = new SimulatedAccount(AccountId);

        var result = await RunAsync(account, Request, whatIf: true);

        Assert.Empty(account.CallLog.MutatingCalls);
        Assert.Contains(result.Controls, c => c.Status == ControlStatus.WouldChange);
        Assert.All(result.Controls.Where(c => c.Changes.Count > 0), c => Assert.Equal(ControlStatus.WouldChange, c.Status));
        Assert.All(result.Controls.SelectMany(c => c.Changes), change => Assert.StartsWith("Would ", change, StringComparison.Ordinal));
        Assert.Empty(result.Credentials);
    }

    [Fact]
    public async Task Password_policy_keeps_stricter_settings_and_sends_the_whole_policy()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;
        await iam.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { MinimumPasswordLength = 20, RequireSymbols = true, MaxPasswordAge = 60, HardExpiry = true }, CancellationToken.None);

        var result = await RunAsync(account, Request with { AdminUserNames = Array.Empty<string>() });

        var control = result.Controls.Single(c => c.Control == "2.8");
        Assert.Equal(ControlStatus.Changed, control.Status);
        Assert.Contains("MinimumPasswordLength 20 (asked 14)", control.Detail, StringComparison.Ordinal);
        var policy = await iam.GetAccountPasswordPolicyAsync(CancellationToken.None);
        Assert.Equal(20, policy.MinimumPasswordLength);
        Assert.Equal(60, policy.MaxPasswordAge);
        Assert.True(policy.HardExpiry);
        Assert.True(policy.RequireNumbers && policy.RequireUppercaseCharacters && policy.RequireLowercaseCharacters && policy.AllowUsersToChangePassword);
        Assert.Equal(24, policy.PasswordReusePrevention);
    }

    [Fact]
    public async Task A_different_alias_is_kept_without_ReplaceAccountAlias_and_replaced_with_it()
    {
        var account = new SimulatedAccount(AccountId);
        await account.Connect().Iam.CreateAccountAliasAsync("old-alias", CancellationToken.None);

        var kept = await RunAsync(account, Request with { AdminUserNames = Array.Empty<string>() });
        var weakerOnly = await RunAsync(account, Request with { AdminUserNames = Array.Empty<string>(), AllowWeakerPasswordPolicy = true });
        var forced = await RunAsync(account, Request with { AdminUserNames = Array.Empty<string>(), ReplaceAccountAlias = true });

        Assert.Equal(ControlStatus.ActionRequired, kept.Controls.Single(c => c.Control == "Alias").Status);
        Assert.Contains("-ReplaceAccountAlias", kept.Controls.Single(c => c.Control == "Alias").Fix, StringComparison.Ordinal);
        Assert.Equal(ControlStatus.ActionRequired, weakerOnly.Controls.Single(c => c.Control == "Alias").Status);
        Assert.Equal(ControlStatus.Changed, forced.Controls.Single(c => c.Control == "Alias").Status);
        Assert.Equal(new[] { "acme-demo" }, await IamLookup.ToListAsync(account.Connect().Iam.ListAccountAliasesAsync(CancellationToken.None), CancellationToken.None));
    }

    [Fact]
    public async Task A_stricter_password_policy_is_loosened_only_with_AllowWeakerPasswordPolicy_not_with_ReplaceAccountAlias()
    {
        var account = new SimulatedAccount(AccountId);
        var iam = account.Connect().Iam;
        await iam.UpdateAccountPasswordPolicyAsync(new PasswordPolicy { MinimumPasswordLength = 20, RequireSymbols = true, RequireNumbers = true, RequireUppercaseCharacters = true, RequireLowercaseCharacters = true, AllowUsersToChangePassword = true, PasswordReusePrevention = 24 }, CancellationToken.None);

        var aliasOnly = await RunAsync(account, Request with { AdminUserNames = Array.Empty<string>(), ReplaceAccountAlias = true });
        var lengthAfterAliasOnly = (await iam.GetAccountPasswordPolicyAsync(CancellationToken.None)).MinimumPasswordLength;
        var weakened = await RunAsync(account, Request with { AdminUserNames = Array.Empty<string>(), AllowWeakerPasswordPolicy = true });

        Assert.Contains("-AllowWeakerPasswordPolicy loosens them", aliasOnly.Controls.Single(c => c.Control == "2.8").Detail, StringComparison.Ordinal);
        Assert.Equal(20, lengthAfterAliasOnly);
        Assert.Equal(ControlStatus.Changed, weakened.Controls.Single(c => c.Control == "2.8").Status);
        Assert.Contains("Weakened with -AllowWeakerPasswordPolicy: MinimumPasswordLength 20 (asked 14)", weakened.Controls.Single(c => c.Control == "2.8").Detail, StringComparison.Ordinal);
        Assert.Equal(14, (await iam.GetAccountPasswordPolicyAsync(CancellationToken.None)).MinimumPasswordLength);
    }

    [Fact]
    public async Task Virtual_MFA_is_created_with_a_seed_then_enabled_on_a_later_run_with_two_codes()
    {
        var clock = new ManualClock(new DateTime(2026, 3, 1, 12, 0, 10, DateTimeKind.Utc));
        var account = new SimulatedAccount(AccountId, clock);
        var mfa = Request with { EnableVirtualMfa = true, ProgrammaticAccess = false };

        var created = await RunAsync(account, mfa);
        var credential = Assert.Single(created.Credentials);
        var seed = IamOps.Secrets.SecretText.ToPlainText(credential.MfaSeed!);
        var uri = IamOps.Secrets.SecretText.ToPlainText(credential.MfaOtpAuthUri!);
        var now = clock.UtcNow;
        var codes = new[] { TimeBasedOneTimePassword.Compute(seed, now.AddSeconds(-30)), TimeBasedOneTimePassword.Compute(seed, now) };
        var enabled = await RunAsync(account, mfa with { MfaCodes = codes });
        var devices = await IamLookup.ToListAsync(account.Connect().Iam.ListMfaDevicesAsync("alice", CancellationToken.None), CancellationToken.None);
        var rerun = await RunAsync(account, mfa);

        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", credential.MfaSerialNumber);
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        Assert.Contains("secret=" + seed, uri, StringComparison.Ordinal);
        Assert.Equal(ControlStatus.ActionRequired, created.Controls.Single(c => c.Title.StartsWith("MFA device", StringComparison.Ordinal)).Status);
        Assert.Equal(ControlStatus.Changed, enabled.Controls.Single(c => c.Title.StartsWith("MFA device", StringComparison.Ordinal)).Status);
        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", Assert.Single(devices).SerialNumber);
        Assert.Equal(ControlStatus.Compliant, rerun.Controls.Single(c => c.Title.StartsWith("MFA device", StringComparison.Ordinal)).Status);
    }

    [Fact]
    public async Task A_virtual_MFA_device_awaiting_codes_is_not_created_again_and_the_fix_says_how_to_replace_a_lost_one()
    {
        var account = new SimulatedAccount(AccountId);
        var mfa = Request with { EnableVirtualMfa = true, ProgrammaticAccess = false };
        await RunAsync(account, mfa);
        account.CallLog.Clear();

        var again = await RunAsync(account, mfa);
        var preview = await RunAsync(account, mfa, whatIf: true);

        Assert.Empty(account.CallLog.MutatingCalls);
        var control = again.Controls.Single(c => c.Title.StartsWith("MFA device", StringComparison.Ordinal));
        Assert.Equal(ControlStatus.ActionRequired, control.Status);
        Assert.Empty(control.Changes);
        Assert.Contains("not enabled yet", control.Detail, StringComparison.Ordinal);
        Assert.Contains("delete-virtual-mfa-device --serial-number arn:aws:iam::123456789012:mfa/alice", control.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain(preview.Controls, c => c.Status == ControlStatus.WouldChange);
        Assert.Empty(again.Credentials);
    }

    [Fact]
    public void The_MFA_policy_denies_everything_but_self_service_until_MFA_is_present()
    {
        var findings = PolicyValidator.Validate(RequireMfaPolicy.Document, new PolicyValidationOptions { PolicyType = PolicyType.Identity, AttachedTo = IdentityAttachment.Managed });
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);

        var admin = new PolicySet(new[]
        {
            CompiledPolicy.Compile("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "AdministratorAccess"),
            CompiledPolicy.Compile(RequireMfaPolicy.Document, RequireMfaPolicy.Name),
        });
        const string alice = "arn:aws:iam::123456789012:user/alice";
        var noMfa = new RequestContext();
        var withMfa = new RequestContext();
        withMfa.Set("aws:MultiFactorAuthPresent", "true");

        Assert.Equal(EvaluationDecision.ExplicitDeny, admin.Evaluate(new AuthorizationRequest(alice, "s3:ListAllMyBuckets", "*", noMfa)).Decision);
        Assert.Equal(EvaluationDecision.Allowed, admin.Evaluate(new AuthorizationRequest(alice, "iam:CreateVirtualMFADevice", "arn:aws:iam::123456789012:mfa/alice", noMfa)).Decision);
        Assert.Equal(EvaluationDecision.Allowed, admin.Evaluate(new AuthorizationRequest(alice, "iam:ChangePassword", alice, noMfa)).Decision);
        Assert.Equal(EvaluationDecision.Allowed, admin.Evaluate(new AuthorizationRequest(alice, "s3:ListAllMyBuckets", "*", withMfa)).Decision);
    }

    /// <summary>What New-IamAdminBaseline does, with every change approved (or none: -WhatIf); the fault sweep runs it too.</summary>
    internal static Task<(IReadOnlyList<BaselineControl> Controls, IReadOnlyList<AdminCredential> Credentials)> RunAsync(SimulatedAccount account, BaselineRequest request, bool whatIf = false) =>
        RunAsync(account.Connect(), request, whatIf);

    /// <summary>The same through any connection, e.g. the real IAM client against the simulator's HTTP endpoint.</summary>
    internal static async Task<(IReadOnlyList<BaselineControl> Controls, IReadOnlyList<AdminCredential> Credentials)> RunAsync(IAwsConnection connection, BaselineRequest request, bool whatIf = false)
    {
        var files = new BaselineFiles();
        BaselineRun.Validate(request, files);
        var applier = new PlanApplier(whatIf ? ApplyCallbacks.DeclineAll : ApplyCallbacks.ApproveAll) { Backoff = _ => TimeSpan.Zero };
        var outcome = await new BaselineRun(connection, applier).RunAsync(request, files, askForCodes: null, verbose: _ => { }, CancellationToken.None);
        return (outcome.Controls, outcome.Credentials);
    }
}

using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

/// <summary>The simulator's credential report, last-used data driven by calls, and the clock tests age.</summary>
public sealed class AuditDataTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly ManualClock _clock = new(Start);
    private readonly SimulatedAccount _account;
    private readonly IIam _iam;

    public AuditDataTests()
    {
        _account = new SimulatedAccount("111122223333", _clock);
        _iam = _account.Connect().Iam;
    }

    private static string[] Row(CredentialReport report, string user) =>
        report.Content.Split('\n').Single(l => l.StartsWith(user + ",", StringComparison.Ordinal)).Split(',');

    private static string Column(CredentialReport report, string user, string column)
    {
        var header = report.Content.Split('\n')[0].Split(',');
        return Row(report, user)[Array.IndexOf(header, column)];
    }

    [Fact]
    public async Task Report_goes_through_STARTED_INPROGRESS_and_COMPLETE_while_it_generates()
    {
        _account.CredentialReportGenerationTime = TimeSpan.FromSeconds(10);
        Assert.Equal(CredentialReportState.Started, await _iam.GenerateCredentialReportAsync(None));
        Assert.Equal(CredentialReportState.InProgress, await _iam.GenerateCredentialReportAsync(None));
        await Expect.AwsError("ReportInProgress", 404, () => _iam.GetCredentialReportAsync(None));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(CredentialReportState.Complete, await _iam.GenerateCredentialReportAsync(None));
        var report = await _iam.GetCredentialReportAsync(None);
        Assert.Equal(Start.AddSeconds(10), report.GeneratedTime);
    }

    [Fact]
    public async Task Report_is_a_snapshot_kept_4_hours_then_expired_and_regenerated()
    {
        await _iam.GenerateCredentialReportAsync(None);
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "late" }, None);
        Assert.Equal(CredentialReportState.Complete, await _iam.GenerateCredentialReportAsync(None));
        Assert.DoesNotContain("\nlate,", (await _iam.GetCredentialReportAsync(None)).Content, StringComparison.Ordinal);
        _account.AdvanceClock(TimeSpan.FromHours(4));
        await Expect.AwsError("ReportExpired", 410, () => _iam.GetCredentialReportAsync(None));
        Assert.Equal(CredentialReportState.Started, await _iam.GenerateCredentialReportAsync(None));
        Assert.Contains("\nlate,", (await _iam.GetCredentialReportAsync(None)).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_has_IAMs_22_columns_and_no_value_markers()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "bob" }, None);
        await _iam.GenerateCredentialReportAsync(None);
        var report = await _iam.GetCredentialReportAsync(None);
        Assert.All(report.Content.TrimEnd('\n').Split('\n'), line => Assert.Equal(22, line.Split(',').Length));
        Assert.Equal(new[] { "bob", "arn:aws:iam::111122223333:user/bob", "2026-03-01T09:00:00+00:00", "false", "N/A", "N/A", "N/A", "false", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A" }, Row(report, "bob"));
        Assert.Equal("not_supported", Column(report, "<root_account>", "password_enabled"));
    }

    [Fact]
    public async Task A_keys_last_use_is_the_call_made_with_it_and_a_key_never_used_shows_NA()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "carol" }, None);
        var used = await _iam.CreateAccessKeyAsync("carol", None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _iam.CreateAccessKeyAsync("carol", None);
        _clock.Advance(TimeSpan.FromDays(3));
        await _account.Connect(new SimulatorCredentials(used.AccessKeyId, used.SecretAccessKey)).Sts.GetCallerIdentityAsync(None);
        await _iam.GenerateCredentialReportAsync(None);
        var report = await _iam.GetCredentialReportAsync(None);
        Assert.Equal("2026-03-04T09:01:00+00:00", Column(report, "carol", "access_key_1_last_used_date"));
        Assert.Equal("sts", Column(report, "carol", "access_key_1_last_used_service"));
        Assert.Equal("us-east-1", Column(report, "carol", "access_key_1_last_used_region"));
        Assert.Equal("N/A", Column(report, "carol", "access_key_2_last_used_date"));
        Assert.Equal("2026-03-01T09:01:00+00:00", Column(report, "carol", "access_key_2_last_rotated"));
    }

    [Fact]
    public async Task A_console_sign_in_is_the_passwords_last_use()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "dave" }, None);
        await _iam.CreateLoginProfileAsync("dave", "Correct-Horse-9", passwordResetRequired: false, None);
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "erin" }, None);
        await _iam.CreateLoginProfileAsync("erin", "Correct-Horse-9", passwordResetRequired: false, None);
        _account.AdvanceClock(TimeSpan.FromDays(2));
        _account.SignInToConsole("dave", "Correct-Horse-9");
        var wrong = Assert.Throws<IamOpsException>(() => _account.SignInToConsole("erin", "wrong"));
        Assert.Equal("ConsoleSignInFailed", wrong.ErrorId);
        await _iam.GenerateCredentialReportAsync(None);
        var report = await _iam.GetCredentialReportAsync(None);
        Assert.Equal("2026-03-03T09:00:00+00:00", Column(report, "dave", "password_last_used"));
        Assert.Equal("no_information", Column(report, "erin", "password_last_used"));
        Assert.Equal("true", Column(report, "erin", "password_enabled"));
    }

    [Fact]
    public void AdvanceClock_moves_the_accounts_time_forward_only_and_is_saved_with_it()
    {
        _account.AdvanceClock(TimeSpan.FromDays(100));
        Assert.Equal(Start.AddDays(100), _account.UtcNow);
        Assert.Throws<ArgumentOutOfRangeException>(() => _account.AdvanceClock(TimeSpan.FromSeconds(-1)));
        var path = Path.Combine(Path.GetTempPath(), "iamops-audit-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            _account.Save(path);
            var loaded = SimulatedAccount.Load(path, new ManualClock(Start));
            Assert.Equal(Start.AddDays(100), loaded.UtcNow);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Calls_record_the_services_and_tracked_actions_a_roles_sessions_used()
    {
        var role = await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "app", AssumeRolePolicyDocument = Expect.Trust("""{"AWS":"111122223333"}""") }, None);
        await _iam.AttachPolicyAsync(IdentityKind.Role, "app", "arn:aws:iam::aws:policy/AdministratorAccess", None);
        var session = await _account.Connect().Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "audit" }, None);
        var asRole = _account.Connect(new SimulatorCredentials(session.Credentials.AccessKeyId, session.Credentials.SecretAccessKey, session.Credentials.SessionToken));
        _clock.Advance(TimeSpan.FromMinutes(30));
        await Expect.All(asRole.Iam.ListUsersAsync(null, None));
        var used = _account.State.Roles["app"].ServicesUsed;
        Assert.Equal(Start.AddMinutes(30), used["iam"].LastAuthenticated);
        Assert.Equal(Start.AddMinutes(30), used["iam"].Actions["ListUsers"]);
        Assert.False(used.ContainsKey("s3"));
    }
}

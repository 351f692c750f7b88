using IamOps.Audit;
using IamOps.Aws;
using IamOps.Simulator;
using IamOps.Tests.Simulator;

namespace IamOps.Tests.Audit;

public sealed class CredentialReportTests
{
    private const string Header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    private static readonly DateTime ReportTime = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void Parser_types_every_column_and_turns_no_value_markers_into_null()
    {
        var csv = Header + "\n"
            + "<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2026-05-31T12:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
            + "alice,arn:aws:iam::111122223333:user/alice,2026-01-01T00:00:00+00:00,true,no_information,2026-02-01T12:00:00+00:00,N/A,false,true,2026-02-21T11:00:00+00:00,2026-05-22T13:00:00+00:00,eu-west-1,s3,false,2025-06-01T12:00:00+00:00,N/A,N/A,N/A,true,2026-03-03T12:00:00+00:00,false,N/A\n";

        var entries = CredentialReportParser.Parse(csv, ReportTime);

        var root = entries[0];
        Assert.True(root.IsRoot);
        Assert.Null(root.PasswordEnabled);
        Assert.True(root.MfaActive);
        Assert.Equal(1, root.PasswordLastUsedDays);
        Assert.Empty(root.AccessKeys);
        var alice = entries[1];
        Assert.False(alice.IsRoot);
        Assert.True(alice.PasswordEnabled);
        Assert.Null(alice.PasswordLastUsed);
        Assert.Null(alice.PasswordNextRotation);
        Assert.Equal(new DateTime(2026, 2, 1, 12, 0, 0, DateTimeKind.Utc), alice.PasswordLastChanged);
        Assert.Equal(DateTimeKind.Utc, alice.PasswordLastChanged!.Value.Kind);
        Assert.Equal(120, alice.PasswordAgeDays);
        Assert.Equal(151, alice.UserAgeDays);
        Assert.True(alice.AccessKey1.Active);
        Assert.Equal(100, alice.AccessKey1.AgeDays);
        Assert.Equal(9, alice.AccessKey1.LastUsedDays);
        Assert.Equal("eu-west-1", alice.AccessKey1.LastUsedRegion);
        Assert.Equal("s3", alice.AccessKey1.LastUsedService);
        Assert.False(alice.AccessKey2.Active);
        Assert.Equal(365, alice.AccessKey2.AgeDays);
        Assert.Null(alice.AccessKey2.LastUsedDate);
        Assert.Null(alice.AccessKey2.LastUsedDays);
        Assert.Null(alice.AccessKey2.LastUsedService);
        Assert.Equal(2, alice.AccessKeys.Count);
        Assert.Equal(1, alice.ActiveAccessKeyCount);
        Assert.True(alice.Certificate1.Exists);
        Assert.Equal(90, alice.Certificate1.AgeDays);
        Assert.False(alice.Certificate2.Exists);
    }

    [Fact]
    public void Parser_finds_columns_by_name_whatever_their_order()
    {
        var csv = "mfa_active,user,password_enabled,arn,user_creation_time\ntrue,bob,false,arn:aws:iam::111122223333:user/bob,2026-05-01T12:00:00+00:00\n";
        var bob = Assert.Single(CredentialReportParser.Parse(csv, ReportTime));
        Assert.Equal("bob", bob.UserName);
        Assert.True(bob.MfaActive);
        Assert.False(bob.PasswordEnabled);
        Assert.False(bob.AccessKey1.Exists);
    }

    [Theory]
    [InlineData("2026-05-01T12:00:00+00:00", "2026-05-01T12:00:00")]
    [InlineData("2026-05-01T12:00:00Z", "2026-05-01T12:00:00")]
    [InlineData("2026-05-01T12:00:00-02:30", "2026-05-01T14:30:00")]
    [InlineData("2026-05-01T12:00:00.123Z", "2026-05-01T12:00:00.123")]
    public void Parser_reads_ISO_times_as_UTC(string text, string expected)
    {
        var csv = "user,arn,user_creation_time,password_enabled,mfa_active\nbob,arn,X,false,false\n".Replace("X", text, StringComparison.Ordinal);
        var created = Assert.Single(CredentialReportParser.Parse(csv, ReportTime)).UserCreationTime!.Value;
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), created);
        Assert.Equal(DateTimeKind.Utc, created.Kind);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("user,arn\nbob,x\n", "no 'user_creation_time' column")]
    [InlineData(Header + "\nbob,arn,yesterday,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n", "'yesterday' in user_creation_time is not a time (line 2)")]
    [InlineData(Header + "\nbob,arn,N/A,maybe,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n", "'maybe' in password_enabled is neither true nor false")]
    public void Parser_refuses_a_report_it_cannot_read_with_the_reason(string csv, string reason)
    {
        var error = Assert.Throws<IamOpsException>(() => CredentialReportParser.Parse(csv, ReportTime));
        Assert.Equal("CredentialReportInvalid", error.ErrorId);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_generates_a_missing_report_waits_while_IAM_works_and_parses_it()
    {
        var clock = new ManualClock(ReportTime);
        var account = new SimulatedAccount("111122223333", clock) { CredentialReportGenerationTime = TimeSpan.FromSeconds(3) };
        var reader = new CredentialReportReader(account.Connect().Iam, new CredentialReportRequest(), () => account.UtcNow) { PollInterval = TimeSpan.Zero };
        var statuses = new List<string>();
        CredentialReportStep step;
        while (!(step = await reader.NextAsync(None)).IsDone)
        {
            statuses.Add(step.Status);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(new[] { "There is no credential report yet; asking IAM for one", "IAM started generating the credential report", "IAM is generating the credential report (poll 1)", "IAM is generating the credential report (poll 2)" }, statuses);
        Assert.Equal(new[] { "<root_account>", "Administrator" }, step.Entries!.Select(e => e.UserName));
        Assert.Equal(ReportTime.AddSeconds(4), step.GeneratedTime);
        Assert.Null(step.Warning);
    }

    [Fact]
    public async Task Reader_uses_a_report_within_MaxAge_and_regenerates_an_older_one()
    {
        var clock = new ManualClock(ReportTime);
        var account = new SimulatedAccount("111122223333", clock);
        var iam = account.Connect().Iam;
        await iam.GenerateCredentialReportAsync(None);
        clock.Advance(TimeSpan.FromHours(1));
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "newcomer" }, None);
        var calls = account.CallLog.Calls.Count;

        var cached = await new CredentialReportReader(iam, new CredentialReportRequest(), () => account.UtcNow).ReadAsync(null, None);
        Assert.DoesNotContain(cached.Entries!, e => e.UserName == "newcomer");
        Assert.Equal(new[] { "GetCredentialReport" }, account.CallLog.Calls.Skip(calls).Select(c => c.Operation));

        clock.Advance(TimeSpan.FromHours(3));
        var fresh = await new CredentialReportReader(iam, new CredentialReportRequest(), () => account.UtcNow) { PollInterval = TimeSpan.Zero }.ReadAsync(null, None);
        Assert.Contains(fresh.Entries!, e => e.UserName == "newcomer");
    }

    [Fact]
    public async Task Reader_warns_when_IAM_keeps_a_report_older_than_MaxAge()
    {
        var clock = new ManualClock(ReportTime);
        var account = new SimulatedAccount("111122223333", clock);
        var iam = account.Connect().Iam;
        await iam.GenerateCredentialReportAsync(None);
        clock.Advance(TimeSpan.FromHours(2));
        var step = await new CredentialReportReader(iam, new CredentialReportRequest { MaxAge = TimeSpan.FromHours(1) }, () => account.UtcNow).ReadAsync(null, None);
        Assert.NotNull(step.Entries);
        Assert.Contains("at most one every 4 hours", step.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Reader_refuses_a_MaxAge_that_is_not_positive(int hours)
    {
        var account = new SimulatedAccount("111122223333");
        var error = Assert.Throws<IamOpsException>(() => new CredentialReportReader(account.Connect().Iam, new CredentialReportRequest { MaxAge = TimeSpan.FromHours(hours) }, () => account.UtcNow));
        Assert.Equal("MaxAgeInvalid", error.ErrorId);
        Assert.Empty(account.CallLog.Calls);
    }
}

using IamOps.Aws;
using IamOps.LastAccessed;

namespace IamOps.Tests.LastAccessed;

/// <summary>Get-IamLastAccessed's logic: finding the entity, waiting for IAM's job without the wall clock, and the rows.</summary>
public sealed class LastAccessedReaderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static (LastAccessedReader Reader, List<TimeSpan> Waits) Reader(LastAccessedScenario scenario, LastAccessedRequest request)
    {
        var waits = new List<TimeSpan>();
        var reader = new LastAccessedReader(scenario.Iam, request, () => scenario.Account.UtcNow)
        {
            PollInterval = TimeSpan.FromSeconds(2),
            Delay = (wait, _) =>
            {
                waits.Add(wait);
                return Task.CompletedTask;
            },
        };
        return (reader, waits);
    }

    [Fact]
    public async Task Reading_starts_a_job_polls_it_with_the_injected_wait_and_returns_one_row_per_granted_service()
    {
        var scenario = await LastAccessedScenario.UsedAsync();
        scenario.Clock.Advance(TimeSpan.FromDays(10));
        var (reader, waits) = Reader(scenario, new LastAccessedRequest { Kind = LastAccessedTargetKind.Role, Name = "app", Days = 30 });
        var statuses = new List<string>();

        var step = await reader.ReadAsync(new Progress(statuses), None);

        Assert.Equal(2, statuses.Count);
        Assert.Contains(statuses, s => s.Contains("IAM is preparing", StringComparison.Ordinal));
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, waits);
        Assert.Equal(scenario.RoleArn, step.Arn);
        var rows = step.Entries!;
        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.Equal((LastAccessedLevel.Service, "app", LastAccessedTargetKind.Role, 30), (r.Level, r.TargetName, r.TargetKind, r.Days)));
        Assert.Equal(LastAccessedScenario.UsedServices, rows.Where(r => r.UsedInDays).Select(r => r.ServiceNamespace));
        var s3 = rows.Single(r => r.ServiceNamespace == "s3");
        Assert.Equal((10, DateTimeKind.Utc, false), (s3.DaysSinceUse!.Value, s3.LastAuthenticated!.Value.Kind, s3.GrantedButNotUsed));
        var dynamodb = rows.Single(r => r.ServiceNamespace == "dynamodb");
        Assert.Equal(((int?)null, true), (dynamodb.DaysSinceUse, dynamodb.GrantedButNotUsed));
    }

    [Fact]
    public async Task Use_older_than_the_window_is_granted_but_not_used()
    {
        var scenario = await LastAccessedScenario.UsedAsync();
        scenario.Clock.Advance(TimeSpan.FromDays(100));

        var step = await Reader(scenario, new LastAccessedRequest { Kind = LastAccessedTargetKind.Role, Name = "app" }).Reader.ReadAsync(null, None);

        Assert.All(step.Entries!, r => Assert.True(r.GrantedButNotUsed));
        Assert.Equal(100, step.Entries!.Single(r => r.ServiceNamespace == "iam").DaysSinceUse);
    }

    [Fact]
    public async Task With_actions_each_tracked_service_is_followed_by_its_actions()
    {
        var scenario = await LastAccessedScenario.UsedAsync();

        var rows = (await Reader(scenario, new LastAccessedRequest { Kind = LastAccessedTargetKind.Role, Name = "app", IncludeActions = true }).Reader.ReadAsync(null, None)).Entries!;

        var used = rows.Where(r => r.Level == LastAccessedLevel.Action && r.UsedInDays).Select(r => r.Action).ToList();
        Assert.Contains("s3:GetBucketLocation", used);
        Assert.Contains("iam:GetRole", used);
        Assert.DoesNotContain(rows, r => r.Level == LastAccessedLevel.Action && r.ServiceNamespace == "dynamodb");
        var s3Row = rows.ToList().FindIndex(r => r.Level == LastAccessedLevel.Service && r.ServiceNamespace == "s3");
        Assert.True(rows[s3Row].ActionsTracked);
        Assert.Equal(("s3", LastAccessedLevel.Action), (rows[s3Row + 1].ServiceNamespace, rows[s3Row + 1].Level));
    }

    [Fact]
    public async Task An_unknown_user_is_UserNotFound_and_no_job_is_started()
    {
        var scenario = await LastAccessedScenario.GrantedAsync();

        var error = await Assert.ThrowsAsync<IamOpsException>(() => Reader(scenario, new LastAccessedRequest { Kind = LastAccessedTargetKind.User, Name = "ghost" }).Reader.ReadAsync(null, None));

        Assert.Equal(("UserNotFound", FailureKind.ObjectNotFound), (error.ErrorId, error.Kind));
        Assert.Contains("user ghost", error.Message, StringComparison.Ordinal);
        Assert.Empty(scenario.Account.CallLog.Of("GenerateServiceLastAccessedDetails"));
    }

    [Fact]
    public async Task An_arn_names_its_kind_and_a_missing_policy_is_PolicyNotFound()
    {
        var scenario = await LastAccessedScenario.GrantedAsync();
        var request = LastAccessedRequest.ForArn("arn:aws:iam::111122223333:policy/teams/ghost", 90, false);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => Reader(scenario, request).Reader.ReadAsync(null, None));

        Assert.Equal((LastAccessedTargetKind.Policy, "ghost"), (request.Kind, request.Name));
        Assert.Equal(LastAccessedTargetKind.Role, LastAccessedRequest.ForArn(scenario.RoleArn, 90, false).Kind);
        Assert.Equal("PolicyNotFound", error.ErrorId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-7)]
    public async Task A_window_below_one_day_is_refused_before_any_call(int days)
    {
        var scenario = await LastAccessedScenario.GrantedAsync();
        var before = scenario.Account.CallLog.Calls.Count;

        var error = Assert.Throws<IamOpsException>(() => Reader(scenario, new LastAccessedRequest { Kind = LastAccessedTargetKind.Role, Name = "app", Days = days }));

        Assert.Equal("DaysInvalid", error.ErrorId);
        Assert.Equal(before, scenario.Account.CallLog.Calls.Count);
    }

    [Theory]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:iam::123456789012:instance-profile/x")]
    [InlineData("arn:aws:iam::123456789012:role/")]
    public void Anything_but_an_IAM_entity_arn_is_ArnInvalid(string arn) =>
        Assert.Equal("ArnInvalid", Assert.Throws<IamOpsException>(() => LastAccessedRequest.ForArn(arn, 90, false)).ErrorId);

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Progress : IProgress<string>
    {
        private readonly List<string> _into;

        public Progress(List<string> into) => _into = into;

        public void Report(string value) => _into.Add(value);
    }
}

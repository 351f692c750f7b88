using IamOps.Aws;
using IamOps.Tests.LastAccessed;

namespace IamOps.Tests.Simulator;

/// <summary>The simulator's Access Advisor: jobs, grants from the entity's policies, and use from the calls principals made.</summary>
public sealed class LastAccessedDataTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_job_is_in_progress_on_its_first_read_then_lists_every_granted_service_with_the_use_made()
    {
        var scenario = await LastAccessedScenario.UsedAsync();

        var report = await scenario.ReportAsync(scenario.RoleArn, AccessAdvisorGranularity.ServiceLevel);

        Assert.Equal(LastAccessedJobStatus.Completed, report.JobStatus);
        Assert.Equal(LastAccessedScenario.FortyServices.OrderBy(s => s, StringComparer.Ordinal), report.Services.Select(s => s.ServiceNamespace));
        Assert.Equal(LastAccessedScenario.UsedServices, report.Services.Where(s => s.LastAuthenticated is not null).Select(s => s.ServiceNamespace));
        var s3 = report.Services.Single(s => s.ServiceNamespace == "s3");
        Assert.Equal(LastAccessedScenario.Start, s3.LastAuthenticated);
        Assert.Equal(scenario.RoleArn, s3.LastAuthenticatedEntity);
        Assert.Equal("us-east-1", s3.LastAuthenticatedRegion);
        Assert.Equal(1, s3.TotalAuthenticatedEntities);
        var unused = report.Services.Single(s => s.ServiceNamespace == "dynamodb");
        Assert.Null(unused.LastAuthenticated);
        Assert.Null(unused.LastAuthenticatedEntity);
        Assert.Equal(0, unused.TotalAuthenticatedEntities);
        Assert.False(string.IsNullOrEmpty(unused.ServiceName));
        Assert.All(report.Services, s => Assert.Empty(s.TrackedActionsLastAccessed));
    }

    [Fact]
    public async Task Action_level_jobs_track_actions_only_for_the_services_IAM_tracks_per_action()
    {
        var scenario = await LastAccessedScenario.UsedAsync();

        var report = await scenario.ReportAsync(scenario.RoleArn, AccessAdvisorGranularity.ActionLevel);

        Assert.Equal(AccessAdvisorGranularity.ActionLevel, report.JobType);
        var tracked = report.Services.Where(s => s.TrackedActionsLastAccessed.Count > 0).Select(s => s.ServiceNamespace);
        Assert.Equal(new[] { "ec2", "iam", "lambda", "s3" }, tracked);
        var s3 = report.Services.Single(s => s.ServiceNamespace == "s3").TrackedActionsLastAccessed;
        var used = Assert.Single(s3, a => a.LastAccessedTime is not null);
        Assert.Equal(("GetBucketLocation", scenario.RoleArn), (used.ActionName, used.LastAccessedEntity));
        Assert.Contains(s3, a => a.ActionName == "DeleteBucket" && a.LastAccessedTime is null);
        Assert.Contains(report.Services.Single(s => s.ServiceNamespace == "iam").TrackedActionsLastAccessed, a => a.ActionName == "GetRole" && a.LastAccessedTime is not null);
        Assert.All(report.Services.Single(s => s.ServiceNamespace == "lambda").TrackedActionsLastAccessed, a => Assert.Null(a.LastAccessedTime));
    }

    [Fact]
    public async Task A_report_is_a_snapshot_and_use_beyond_the_tracking_period_is_not_reported()
    {
        var scenario = await LastAccessedScenario.UsedAsync();
        var jobId = await scenario.Iam.GenerateServiceLastAccessedDetailsAsync(scenario.RoleArn, AccessAdvisorGranularity.ServiceLevel, None);
        await scenario.Iam.GetServiceLastAccessedDetailsAsync(jobId, None);
        var completed = await scenario.Iam.GetServiceLastAccessedDetailsAsync(jobId, None);

        scenario.Clock.Advance(TimeSpan.FromDays(401));
        var later = await scenario.Iam.GetServiceLastAccessedDetailsAsync(jobId, None);
        var fresh = await scenario.ReportAsync(scenario.RoleArn, AccessAdvisorGranularity.ServiceLevel);

        Assert.Equal(completed.JobCompletionDate, later.JobCompletionDate);
        Assert.Equal(3, later.Services.Count(s => s.LastAuthenticated is not null));
        Assert.All(fresh.Services, s => Assert.Null(s.LastAuthenticated));
    }

    [Fact]
    public async Task A_group_report_counts_its_users_and_a_policy_report_every_entity_it_is_attached_to()
    {
        var scenario = await LastAccessedScenario.GrantedAsync();
        var iam = scenario.Iam;
        var policy = await iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = "reader", PolicyDocument = Expect.Statement("Allow", "sts:GetCallerIdentity") }, None);
        await iam.CreateGroupAsync("readers", null, None);
        await iam.AttachPolicyAsync(IdentityKind.Group, "readers", policy.Arn, None);
        foreach (var name in new[] { "ana", "ben" })
        {
            await iam.CreateUserAsync(new CreateUserRequest { UserName = name }, None);
            await iam.AddUserToGroupAsync("readers", name, None);
            var key = await iam.CreateAccessKeyAsync(name, None);
            await scenario.Account.Connect(new IamOps.Simulator.SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey)).Sts.GetCallerIdentityAsync(None);
            scenario.Clock.Advance(TimeSpan.FromHours(1));
        }

        var group = await scenario.ReportAsync($"arn:aws:iam::{scenario.Account.AccountId}:group/readers", AccessAdvisorGranularity.ServiceLevel);
        var byPolicy = await scenario.ReportAsync(policy.Arn, AccessAdvisorGranularity.ServiceLevel);

        foreach (var report in new[] { group, byPolicy })
        {
            var sts = Assert.Single(report.Services);
            Assert.Equal(("sts", 2), (sts.ServiceNamespace, sts.TotalAuthenticatedEntities));
            Assert.Equal($"arn:aws:iam::{scenario.Account.AccountId}:user/ben", sts.LastAuthenticatedEntity);
        }
    }

    [Fact]
    public async Task Unknown_entities_bad_arns_and_bad_granularity_fail_as_IAM_fails_them()
    {
        var scenario = await LastAccessedScenario.GrantedAsync();
        var iam = scenario.Iam;

        await Expect.AwsError("NoSuchEntity", 404, () => iam.GenerateServiceLastAccessedDetailsAsync("arn:aws:iam::111122223333:user/ghost", AccessAdvisorGranularity.ServiceLevel, None));
        await Expect.AwsError("NoSuchEntity", 404, () => iam.GenerateServiceLastAccessedDetailsAsync("arn:aws:iam::111122223333:policy/ghost", AccessAdvisorGranularity.ServiceLevel, None));
        await Expect.AwsError("InvalidInput", 400, () => iam.GenerateServiceLastAccessedDetailsAsync("arn:aws:s3:::some-bucket-name", AccessAdvisorGranularity.ServiceLevel, None));
        await Expect.AwsError("NoSuchEntity", 404, () => iam.GetServiceLastAccessedDetailsAsync(Guid.NewGuid().ToString(), None));
    }

    [Fact]
    public async Task A_job_whose_entity_was_deleted_meanwhile_fails()
    {
        var scenario = await LastAccessedScenario.GrantedAsync();
        var jobId = await scenario.Iam.GenerateServiceLastAccessedDetailsAsync(scenario.RoleArn, AccessAdvisorGranularity.ServiceLevel, None);
        await scenario.Iam.DeleteInlinePolicyAsync(IdentityKind.Role, "app", "forty-services", None);
        await scenario.Iam.DeleteRoleAsync("app", None);

        await scenario.Iam.GetServiceLastAccessedDetailsAsync(jobId, None);
        var failed = await scenario.Iam.GetServiceLastAccessedDetailsAsync(jobId, None);

        Assert.Equal((LastAccessedJobStatus.Failed, "NoSuchEntity"), (failed.JobStatus, failed.ErrorCode));
        Assert.Empty(failed.Services);
    }
}

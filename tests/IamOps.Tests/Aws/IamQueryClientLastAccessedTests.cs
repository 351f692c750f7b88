using IamOps.Aws;
using IamOps.TestEndpoint;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>Access Advisor's calls as IAM documents them: the request parameters, the report's shape, and its pages.</summary>
public sealed class IamQueryClientLastAccessedTests
{
    private const string Job = "<JobStatus>COMPLETED</JobStatus><JobType>ACTION_LEVEL</JobType><JobCreationDate>2018-10-24T19:47:31.466Z</JobCreationDate><JobCompletionDate>2018-10-24T19:47:35.241Z</JobCompletionDate>";

    [Fact]
    public async Task GenerateServiceLastAccessedDetails_sends_the_arn_and_granularity_and_returns_the_job_id()
    {
        var (jobId, request) = await IamExchange.RunAsync(
            Ok("GenerateServiceLastAccessedDetails", "<JobId>examplef-1305-c245-eba4-71fe298bcda7</JobId>"),
            client => client.GenerateServiceLastAccessedDetailsAsync("arn:aws:iam::123456789012:role/app", AccessAdvisorGranularity.ActionLevel, CancellationToken.None));

        Assert.Equal("examplef-1305-c245-eba4-71fe298bcda7", jobId);
        Assert.Equal(("arn:aws:iam::123456789012:role/app", "ACTION_LEVEL"), (request.Form["Arn"], request.Form["Granularity"]));
    }

    [Fact]
    public async Task GetServiceLastAccessedDetails_reads_every_page_with_tracked_actions_and_unused_services()
    {
        using var server = new LocalHttpServer((request, number) => number switch
        {
            1 => Ok("GetServiceLastAccessedDetails", Job
                + "<ServicesLastAccessed><member><ServiceName>AWS Identity and Access Management</ServiceName><ServiceNamespace>iam</ServiceNamespace>"
                + "<LastAuthenticated>2018-10-24T19:11:00Z</LastAuthenticated><LastAuthenticatedEntity>arn:aws:iam::123456789012:user/AWSExampleUser01</LastAuthenticatedEntity>"
                + "<LastAuthenticatedRegion>us-east-1</LastAuthenticatedRegion><TotalAuthenticatedEntities>2</TotalAuthenticatedEntities>"
                + "<TrackedActionsLastAccessed><member><ActionName>GetRole</ActionName><LastAccessedTime>2018-10-24T19:11:00Z</LastAccessedTime>"
                + "<LastAccessedEntity>arn:aws:iam::123456789012:user/AWSExampleUser01</LastAccessedEntity><LastAccessedRegion>us-east-1</LastAccessedRegion></member>"
                + "<member><ActionName>DeleteRole</ActionName></member></TrackedActionsLastAccessed></member></ServicesLastAccessed>"
                + "<IsTruncated>true</IsTruncated><Marker>page2</Marker>"),
            _ => Ok("GetServiceLastAccessedDetails", Job
                + "<ServicesLastAccessed><member><ServiceName>Amazon Simple Storage Service</ServiceName><ServiceNamespace>s3</ServiceNamespace>"
                + "<TotalAuthenticatedEntities>0</TotalAuthenticatedEntities></member></ServicesLastAccessed><IsTruncated>false</IsTruncated>"),
        });
        using var client = IamTestClients.For(server);

        var report = await client.GetServiceLastAccessedDetailsAsync("job-1", CancellationToken.None);

        Assert.Equal((LastAccessedJobStatus.Completed, AccessAdvisorGranularity.ActionLevel), (report.JobStatus, report.JobType));
        Assert.Equal(new DateTime(2018, 10, 24, 19, 47, 35, 241, DateTimeKind.Utc), report.JobCompletionDate);
        Assert.Equal(new[] { "iam", "s3" }, report.Services.Select(s => s.ServiceNamespace));
        var iam = report.Services[0];
        Assert.Equal((new DateTime(2018, 10, 24, 19, 11, 0, DateTimeKind.Utc), 2), (iam.LastAuthenticated!.Value, iam.TotalAuthenticatedEntities!.Value));
        Assert.Equal(new[] { "GetRole", "DeleteRole" }, iam.TrackedActionsLastAccessed.Select(a => a.ActionName));
        Assert.Null(iam.TrackedActionsLastAccessed[1].LastAccessedTime);
        Assert.Null(report.Services[1].LastAuthenticated);
        Assert.Equal(new[] { null, "page2" }, server.Requests.Select(r => r.Form.TryGetValue("Marker", out var m) ? m : null));
        Assert.All(server.Requests, r => Assert.Equal("job-1", r.Form["JobId"]));
    }

    [Fact]
    public async Task A_job_in_progress_or_failed_is_read_with_its_error()
    {
        var (running, _) = await IamExchange.RunAsync(
            Ok("GetServiceLastAccessedDetails", "<JobStatus>IN_PROGRESS</JobStatus><JobCreationDate>2018-10-24T19:47:31Z</JobCreationDate><ServicesLastAccessed/><IsTruncated>false</IsTruncated>"),
            client => client.GetServiceLastAccessedDetailsAsync("job-1", CancellationToken.None));
        var (failed, _) = await IamExchange.RunAsync(
            Ok("GetServiceLastAccessedDetails", "<JobStatus>FAILED</JobStatus><JobCreationDate>2018-10-24T19:47:31Z</JobCreationDate><JobCompletionDate>2018-10-24T19:47:32Z</JobCompletionDate>"
                + "<Error><Message>The entity was deleted.</Message><Code>NoSuchEntity</Code></Error><ServicesLastAccessed/><IsTruncated>false</IsTruncated>"),
            client => client.GetServiceLastAccessedDetailsAsync("job-1", CancellationToken.None));

        Assert.Equal(LastAccessedJobStatus.InProgress, running.JobStatus);
        Assert.Null(running.JobCompletionDate);
        Assert.Empty(running.Services);
        Assert.Equal((LastAccessedJobStatus.Failed, "NoSuchEntity", "The entity was deleted."), (failed.JobStatus, failed.ErrorCode, failed.ErrorMessage));
    }
}

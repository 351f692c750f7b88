using System.Xml;
using System.Xml.Linq;

namespace IamOps.Aws;

// Access Advisor's calls (see IIam.LastAccessed.cs).
internal sealed partial class IamQueryClient
{
    public Task<string> GenerateServiceLastAccessedDetailsAsync(string arn, AccessAdvisorGranularity granularity, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("GenerateServiceLastAccessedDetails").Add("Arn", arn).Add("Granularity", granularity == AccessAdvisorGranularity.ActionLevel ? "ACTION_LEVEL" : "SERVICE_LEVEL"),
            arn,
            r => r.Text("JobId") is { Length: > 0 } jobId ? jobId : throw new XmlException("GenerateServiceLastAccessedDetails returned no <JobId>."),
            cancellationToken);

    public async Task<ServiceLastAccessedReport> GetServiceLastAccessedDetailsAsync(string jobId, CancellationToken cancellationToken)
    {
        var request = new IamQueryRequest("GetServiceLastAccessedDetails").Add("JobId", jobId);
        ServiceLastAccessedReport? report = null;
        var services = new List<ServiceLastAccessed>();
        await foreach (var page in RawPagesAsync(request, PageSize, jobId, cancellationToken).ConfigureAwait(false))
        {
            await MapAsync(request, jobId, () =>
            {
                report ??= new ServiceLastAccessedReport
                {
                    JobStatus = JobStatus(page.Text("JobStatus")),
                    JobType = page.Text("JobType") == "ACTION_LEVEL" ? AccessAdvisorGranularity.ActionLevel : AccessAdvisorGranularity.ServiceLevel,
                    JobCreationDate = page.Fields.Date("JobCreationDate"),
                    JobCompletionDate = page.Fields.OptionalDate("JobCompletionDate"),
                    ErrorCode = page.Field("Error").Text("Code"),
                    ErrorMessage = page.Field("Error").Text("Message"),
                };
                services.AddRange(page.List("ServicesLastAccessed").Select(Service));
                return true;
            }).ConfigureAwait(false);
        }

        return report! with { Services = services };
    }

    private static LastAccessedJobStatus JobStatus(string? text) => text switch
    {
        "IN_PROGRESS" => LastAccessedJobStatus.InProgress,
        "COMPLETED" => LastAccessedJobStatus.Completed,
        "FAILED" => LastAccessedJobStatus.Failed,
        _ => throw new XmlException($"'{text}' is not a last-accessed job status."),
    };

    private static ServiceLastAccessed Service(XElement e) => new()
    {
        ServiceNamespace = e.Required("ServiceNamespace"),
        ServiceName = e.Required("ServiceName"),
        LastAuthenticated = e.OptionalDate("LastAuthenticated"),
        LastAuthenticatedEntity = e.Text("LastAuthenticatedEntity"),
        LastAuthenticatedRegion = e.Text("LastAuthenticatedRegion"),
        TotalAuthenticatedEntities = e.OptionalInt("TotalAuthenticatedEntities"),
        TrackedActionsLastAccessed = e.Members("TrackedActionsLastAccessed").Select(a => new TrackedActionLastAccessed
        {
            ActionName = a.Required("ActionName"),
            LastAccessedTime = a.OptionalDate("LastAccessedTime"),
            LastAccessedEntity = a.Text("LastAccessedEntity"),
            LastAccessedRegion = a.Text("LastAccessedRegion"),
        }).ToList(),
    };
}

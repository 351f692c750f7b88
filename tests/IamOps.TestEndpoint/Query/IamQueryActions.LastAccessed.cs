using System.Xml;
using IamOps.Aws;

namespace IamOps.TestEndpoint.Query;

/// <summary>Access Advisor's actions: GenerateServiceLastAccessedDetails and GetServiceLastAccessedDetails (paged by Marker).</summary>
internal static partial class IamQueryActions
{
    private static Dictionary<string, QueryHandler> LastAccessed() => new(StringComparer.Ordinal)
    {
        ["GenerateServiceLastAccessedDetails"] = c =>
        {
            var jobId = c.Run(_ => c.Iam.GenerateServiceLastAccessedDetails(c.Parameters.Required("Arn"), c.Parameters.Get("Granularity")));
            return w => w.WriteElementString("JobId", jobId);
        },
        ["GetServiceLastAccessedDetails"] = c =>
        {
            var report = c.Run(_ => c.Iam.GetServiceLastAccessedDetails(c.Parameters.Required("JobId")));
            return c.Page("ServicesLastAccessed", report.Services, ServiceLastAccessed, w =>
            {
                w.WriteElementString("JobStatus", report.JobStatus switch
                {
                    LastAccessedJobStatus.Completed => "COMPLETED",
                    LastAccessedJobStatus.Failed => "FAILED",
                    _ => "IN_PROGRESS",
                });
                w.WriteElementString("JobType", report.JobType == AccessAdvisorGranularity.ActionLevel ? "ACTION_LEVEL" : "SERVICE_LEVEL");
                w.WriteElementString("JobCreationDate", QueryXml.Date(report.JobCreationDate));
                if (report.JobCompletionDate is { } completed)
                {
                    w.WriteElementString("JobCompletionDate", QueryXml.Date(completed));
                }

                if (report.ErrorCode is not null)
                {
                    w.WriteStartElement("Error");
                    w.WriteElementString("Message", report.ErrorMessage ?? string.Empty);
                    w.WriteElementString("Code", report.ErrorCode);
                    w.WriteEndElement();
                }
            });
        },
    };

    private static void ServiceLastAccessed(XmlWriter w, ServiceLastAccessed s)
    {
        w.WriteElementString("ServiceName", s.ServiceName);
        w.WriteElementString("ServiceNamespace", s.ServiceNamespace);
        QueryXml.Text(w, "LastAuthenticated", s.LastAuthenticated is { } last ? QueryXml.Date(last) : null);
        QueryXml.Text(w, "LastAuthenticatedEntity", s.LastAuthenticatedEntity);
        QueryXml.Text(w, "LastAuthenticatedRegion", s.LastAuthenticatedRegion);
        QueryXml.Text(w, "TotalAuthenticatedEntities", s.TotalAuthenticatedEntities?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (s.TrackedActionsLastAccessed.Count > 0)
        {
            QueryXml.Members(w, "TrackedActionsLastAccessed", s.TrackedActionsLastAccessed, (x, a) =>
            {
                x.WriteElementString("ActionName", a.ActionName);
                QueryXml.Text(x, "LastAccessedTime", a.LastAccessedTime is { } time ? QueryXml.Date(time) : null);
                QueryXml.Text(x, "LastAccessedEntity", a.LastAccessedEntity);
                QueryXml.Text(x, "LastAccessedRegion", a.LastAccessedRegion);
            });
        }
    }
}

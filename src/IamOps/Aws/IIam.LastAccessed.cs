namespace IamOps.Aws;

// Access Advisor's calls: which services (and tracked actions) an entity was granted, and when each was last used.
public partial interface IIam
{
    /// <summary>GenerateServiceLastAccessedDetails: starts a report job for a user, group, role or managed policy ARN; returns the job id.</summary>
    Task<string> GenerateServiceLastAccessedDetailsAsync(string arn, AccessAdvisorGranularity granularity, CancellationToken cancellationToken);

    /// <summary>GetServiceLastAccessedDetails: the job's status and, once it is COMPLETED, every page of its services.</summary>
    Task<ServiceLastAccessedReport> GetServiceLastAccessedDetailsAsync(string jobId, CancellationToken cancellationToken);
}

using IamOps.Aws;

namespace IamOps.Simulator;

// Access Advisor's calls in process (see IIam.LastAccessed.cs).
internal sealed partial class SimulatorIam
{
    public Task<string> GenerateServiceLastAccessedDetailsAsync(string arn, AccessAdvisorGranularity granularity, CancellationToken cancellationToken) =>
        Run("GenerateServiceLastAccessedDetails", arn, Needs(("Arn", arn)), _ => Service.GenerateServiceLastAccessedDetails(arn, Granularity(granularity)), cancellationToken);

    public Task<ServiceLastAccessedReport> GetServiceLastAccessedDetailsAsync(string jobId, CancellationToken cancellationToken) =>
        Run("GetServiceLastAccessedDetails", jobId, Needs(), _ => Service.GetServiceLastAccessedDetails(jobId), cancellationToken);

    internal static string Granularity(AccessAdvisorGranularity granularity) =>
        granularity == AccessAdvisorGranularity.ActionLevel ? IamService.ActionLevel : IamService.ServiceLevel;
}

using IamOps.Aws;

namespace IamOps.Simulator;

// The audit chores' calls (see IIam.Audit.cs).
internal sealed partial class SimulatorIam
{
    public Task<AccessKeyLastUsed> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken) =>
        Run("GetAccessKeyLastUsed", accessKeyId, Needs(), _ =>
        {
            var (userName, key) = Service.GetAccessKeyLastUsed(accessKeyId);
            return new AccessKeyLastUsed
            {
                UserName = userName,
                AccessKeyId = key.AccessKeyId,
                LastUsedDate = key.LastUsedDate,
                ServiceName = key.LastUsedDate is null ? null : key.LastUsedService,
                Region = key.LastUsedDate is null ? null : key.LastUsedRegion,
            };
        }, cancellationToken);
}

namespace IamOps.Aws;

// The audit chores' calls (see IIam.Audit.cs).
internal sealed partial class IamQueryClient
{
    public Task<AccessKeyLastUsed> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("GetAccessKeyLastUsed").Add("AccessKeyId", accessKeyId), accessKeyId,
            r =>
            {
                var used = r.Field("AccessKeyLastUsed");
                static string? Known(string? text) => text is null or "N/A" ? null : text;
                return new AccessKeyLastUsed
                {
                    UserName = r.Text("UserName") ?? string.Empty,
                    AccessKeyId = accessKeyId,
                    LastUsedDate = used.OptionalDate("LastUsedDate"),
                    ServiceName = Known(used.Text("ServiceName")),
                    Region = Known(used.Text("Region")),
                };
            },
            cancellationToken);
}

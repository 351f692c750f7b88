using Amazon;

namespace IamOps.Aws;

/// <summary>
/// AWSSDK.Core configuration for AWS Organizations (AWS JSON 1.1). ServiceId "Organizations" makes AWSSDK.Core apply
/// AWS_ENDPOINT_URL_ORGANIZATIONS, AWS_ENDPOINT_URL and a profile's services section, as for the services it ships;
/// AWS_RETRY_MODE and AWS_MAX_ATTEMPTS likewise. Organizations is global: one endpoint and signing region per partition.
/// </summary>
internal sealed class OrganizationsConfig : GlobalServiceConfig
{
    public const string ApiVersion = "2016-11-28";

    /// <summary>The X-Amz-Target prefix: the service's JSON target name and version.</summary>
    public const string TargetPrefix = "AWSOrganizationsV20161128.";

    private static readonly Dictionary<string, (string Host, string SigningRegion)> Partitions = new(StringComparer.Ordinal)
    {
        ["aws"] = ("organizations.us-east-1.amazonaws.com", "us-east-1"),
        ["aws-cn"] = ("organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
        ["aws-us-gov"] = ("organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
    };

    public OrganizationsConfig()
        : base("Organizations", "organizations", SigningRegionFor)
    {
    }

    public override string ServiceVersion => ApiVersion;

    protected override string PartitionUrl(RegionEndpoint home) => UrlFor(home);

    /// <summary>The Organizations endpoint of the partition of <paramref name="region"/>.</summary>
    public static string UrlFor(RegionEndpoint region) =>
        "https://" + (Partitions.TryGetValue(region.PartitionName ?? "aws", out var known) ? known.Host : $"organizations.{region.SystemName}.{region.PartitionDnsSuffix}");

    public static string SigningRegionFor(RegionEndpoint region) =>
        Partitions.TryGetValue(region.PartitionName ?? "aws", out var known) ? known.SigningRegion : region.SystemName;
}

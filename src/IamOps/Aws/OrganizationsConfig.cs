using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace IamOps.Aws;

/// <summary>
/// AWSSDK.Core configuration for AWS Organizations (AWS JSON 1.1). ServiceId "Organizations" makes AWSSDK.Core apply
/// AWS_ENDPOINT_URL_ORGANIZATIONS, AWS_ENDPOINT_URL and a profile's services section, as for the services it ships;
/// AWS_RETRY_MODE and AWS_MAX_ATTEMPTS likewise. Organizations is global: one endpoint and signing region per partition.
/// </summary>
internal sealed class OrganizationsConfig : ClientConfig
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

    private static readonly IDefaultConfiguration[] Defaults = Enum.GetValues(typeof(DefaultConfigurationMode))
        .Cast<DefaultConfigurationMode>()
        .Select(mode => (IDefaultConfiguration)new DefaultConfiguration
        {
            Name = mode,
            RetryMode = RequestRetryMode.Standard,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            HttpRequestTimeout = AwsConnection.RequestTimeout,
        })
        .ToArray();

    private RegionEndpoint _home = RegionEndpoint.USEast1;

    public OrganizationsConfig()
        : base(new DefaultConfigurationProvider(Defaults))
    {
        ServiceId = "Organizations";
        AuthenticationServiceName = "organizations";
        AuthenticationRegion = SigningRegionFor(_home);
        Timeout = AwsConnection.RequestTimeout;
    }

    public override string ServiceVersion => ApiVersion;

    public override string UserAgent => "IamOps/" + typeof(OrganizationsConfig).Assembly.GetName().Version;

    public override string RegionEndpointServiceName => "organizations";

    /// <summary>Any region of the partition; Organizations answers for the whole partition from one endpoint.</summary>
    public RegionEndpoint HomeRegion
    {
        get => _home;
        set
        {
            _home = value;
            AuthenticationRegion = SigningRegionFor(value);
        }
    }

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        new(string.IsNullOrEmpty(ServiceURL) ? UrlFor(HomeRegion) : ServiceURL);

    /// <summary>The Organizations endpoint of the partition of <paramref name="region"/>.</summary>
    public static string UrlFor(RegionEndpoint region) =>
        "https://" + (Partitions.TryGetValue(region.PartitionName ?? "aws", out var known) ? known.Host : $"organizations.{region.SystemName}.{region.PartitionDnsSuffix}");

    public static string SigningRegionFor(RegionEndpoint region) =>
        Partitions.TryGetValue(region.PartitionName ?? "aws", out var known) ? known.SigningRegion : region.SystemName;
}

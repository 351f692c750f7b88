using Amazon;

namespace IamOps.Aws;

/// <summary>
/// AWSSDK.Core configuration for IAM's Query API. ServiceId "IAM" makes AWSSDK.Core itself apply
/// AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL and a profile's services section to <see cref="Amazon.Runtime.ClientConfig.ServiceURL"/>,
/// exactly as it does for the services it ships; AWS_RETRY_MODE and AWS_MAX_ATTEMPTS likewise.
/// </summary>
internal sealed class IamQueryConfig : GlobalServiceConfig
{
    public const string ApiVersion = "2010-05-08";

    public IamQueryConfig()
        : base("IAM", "iam", IamEndpoints.SigningRegionFor)
    {
    }

    public override string ServiceVersion => ApiVersion;

    protected override string PartitionUrl(RegionEndpoint home) => IamEndpoints.UrlFor(home, UseFIPSEndpoint);
}

using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace IamOps.Aws;

/// <summary>
/// AWSSDK.Core configuration for IAM's Query API. ServiceId "IAM" makes AWSSDK.Core itself apply
/// AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL and a profile's services section to <see cref="ClientConfig.ServiceURL"/>,
/// exactly as it does for the services it ships; AWS_RETRY_MODE and AWS_MAX_ATTEMPTS likewise.
/// </summary>
internal sealed class IamQueryConfig : ClientConfig
{
    public const string ApiVersion = "2010-05-08";

    // One profile for every AWS_DEFAULTS_MODE value: standard retries and bounded timeouts (env and profile settings still win).
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

    public IamQueryConfig()
        : base(new DefaultConfigurationProvider(Defaults))
    {
        ServiceId = "IAM";
        AuthenticationServiceName = "iam";
        AuthenticationRegion = IamEndpoints.SigningRegionFor(_home);
        Timeout = AwsConnection.RequestTimeout;
    }

    public override string ServiceVersion => ApiVersion;

    public override string UserAgent => "IamOps/" + typeof(IamQueryConfig).Assembly.GetName().Version;

    public override string RegionEndpointServiceName => "iam";

    /// <summary>Any region of the partition to call; IAM answers for the whole partition from one endpoint.</summary>
    public RegionEndpoint HomeRegion
    {
        get => _home;
        set
        {
            _home = value;
            AuthenticationRegion = IamEndpoints.SigningRegionFor(value);
        }
    }

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        new(string.IsNullOrEmpty(ServiceURL) ? IamEndpoints.UrlFor(HomeRegion, UseFIPSEndpoint) : ServiceURL);
}

using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using IamOps.Connection;

namespace IamOps.Aws;

/// <summary>
/// AWSSDK.Core configuration shared by the global services we write clients for (IAM, Organizations): one endpoint and
/// signing region per partition, chosen from <see cref="HomeRegion"/>; standard retries and bounded timeouts for every
/// AWS_DEFAULTS_MODE (environment and profile settings still win). The ServiceId makes AWSSDK.Core apply
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL and a profile's services section, as for the services it ships.
/// </summary>
internal abstract class GlobalServiceConfig : ClientConfig
{
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

    private readonly string _signingName;
    private readonly Func<RegionEndpoint, string> _signingRegionFor;
    private RegionEndpoint _home = RegionEndpoint.USEast1;

    protected GlobalServiceConfig(string serviceId, string signingName, Func<RegionEndpoint, string> signingRegionFor)
        : base(new DefaultConfigurationProvider(Defaults))
    {
        _signingName = signingName;
        _signingRegionFor = signingRegionFor;
        ServiceId = serviceId;
        AuthenticationServiceName = signingName;
        AuthenticationRegion = signingRegionFor(_home);
        Timeout = AwsConnection.RequestTimeout;
    }

    public override string UserAgent => "IamOps/" + typeof(GlobalServiceConfig).Assembly.GetName().Version;

    public override string RegionEndpointServiceName => _signingName;

    /// <summary>Any region of the partition to call; the service answers for the whole partition from one endpoint.</summary>
    public RegionEndpoint HomeRegion
    {
        get => _home;
        set
        {
            _home = value;
            AuthenticationRegion = _signingRegionFor(value);
        }
    }

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        new(string.IsNullOrEmpty(ServiceURL) ? PartitionUrl(HomeRegion) : ServiceURL);

    /// <summary>
    /// A client of the service for a resolved connection: its credentials, its region's partition, its -EndpointUrl. A
    /// malformed endpoint setting (AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, a profile's) surfaces here, as an IamOpsException.
    /// </summary>
    internal static TClient CreateClient<TConfig, TClient>(ResolvedConnection connection, string service, Func<AWSCredentials, TConfig, TClient> create)
        where TConfig : GlobalServiceConfig, new()
    {
        try
        {
            var config = new TConfig { HomeRegion = connection.Region };
            if (connection.EndpointUrl is not null)
            {
                config.ServiceURL = connection.EndpointUrl.ToString();
            }

            return create(connection.Credentials, config);
        }
        catch (AmazonClientException ex)
        {
            throw AwsErrorTranslator.Translate(ex, service, connection.EndpointUrl?.ToString());
        }
    }

    /// <summary>The service's endpoint in the partition of <paramref name="home"/>, used when no endpoint URL is set.</summary>
    protected abstract string PartitionUrl(RegionEndpoint home);
}

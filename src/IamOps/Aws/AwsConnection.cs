using System.Collections.Concurrent;
using Amazon.Runtime;
using IamOps.Connection;

namespace IamOps.Aws;

/// <summary>
/// The AWS side of <see cref="IAwsConnection"/>: SDK clients built once per resolved connection and reused (their
/// HTTP connections are pooled), created only when an operation first needs them.
/// </summary>
internal sealed class AwsConnection : IAwsConnection
{
    /// <summary>Bounds every request so a silent endpoint fails instead of hanging a runbook.</summary>
    internal static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, AwsConnection> Shared = new(StringComparer.Ordinal);

    private readonly Lazy<StsAdapter> _sts;
    private readonly Lazy<IamQueryClient> _iam;
    private readonly Lazy<S3Adapter> _s3;
    private readonly Lazy<Ec2Adapter> _ec2;
    private readonly Lazy<OrganizationsJsonClient> _organizations;

    private AwsConnection(ResolvedConnection resolved)
    {
        Resolved = resolved;
        _sts = new Lazy<StsAdapter>(() => new StsAdapter(resolved));
        _iam = new Lazy<IamQueryClient>(() => IamQueryClient.For(resolved));
        _s3 = new Lazy<S3Adapter>(() => new S3Adapter(resolved));
        _ec2 = new Lazy<Ec2Adapter>(() => new Ec2Adapter(resolved));
        _organizations = new Lazy<OrganizationsJsonClient>(() => OrganizationsJsonClient.For(resolved));
    }

    public ResolvedConnection Resolved { get; }

    public ISts Sts => _sts.Value;

    public IIam Iam => _iam.Value;

    public IS3 S3 => _s3.Value;

    public IEc2 Ec2 => _ec2.Value;

    public IOrganizations Organizations => _organizations.Value;

    public string Description =>
        $"AWS region {Resolved.RegionName} ({Resolved.RegionSource}); credentials: {Resolved.CredentialSource}"
        + (Resolved.EndpointUrl is null ? string.Empty : $"; endpoint {Resolved.EndpointUrl}");

    public string SessionScope => Description;

    public IIam AccountReader => Iam;

    public (string SerialNumber, string Profile)? ProfileMfaSerial() =>
        ConnectionResolver.ProfileMfaSerial(Resolved) is { } serial ? (serial, Resolved.CredentialProfile!) : null;

    /// <summary>Points a regional SDK client's config at the connection: its region, or its -EndpointUrl signed for that region.</summary>
    internal static T Configure<T>(T config, ResolvedConnection connection)
        where T : ClientConfig
    {
        config.RegionEndpoint = connection.Region;
        config.Timeout = RequestTimeout;
        if (connection.EndpointUrl is not null)
        {
            config.ServiceURL = connection.EndpointUrl.ToString();
            config.AuthenticationRegion = connection.Region.SystemName;
        }

        return config;
    }

    /// <summary>The connection for <paramref name="resolved"/>, shared with every earlier call that resolved the same way.</summary>
    public static AwsConnection For(ResolvedConnection resolved) =>
        resolved.CacheKey is null ? new AwsConnection(resolved) : Shared.GetOrAdd(resolved.CacheKey, _ => new AwsConnection(resolved));
}

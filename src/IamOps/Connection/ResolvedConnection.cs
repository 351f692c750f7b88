using Amazon;
using Amazon.Runtime;

namespace IamOps.Connection;

/// <summary>Where calls go and as whom: the outcome of <see cref="ConnectionResolver"/>, ready to build SDK clients.</summary>
public sealed class ResolvedConnection
{
    internal ResolvedConnection(AWSCredentials credentials, string credentialSource, RegionEndpoint region, string regionSource, Uri? endpointUrl, string? cacheKey)
    {
        Credentials = credentials;
        CredentialSource = credentialSource;
        Region = region;
        RegionSource = regionSource;
        EndpointUrl = endpointUrl;
        CacheKey = cacheKey;
    }

    internal AWSCredentials Credentials { get; }

    /// <summary>Where the credentials came from, for verbose output (never the keys themselves).</summary>
    public string CredentialSource { get; }

    internal RegionEndpoint Region { get; }

    public string RegionName => Region.SystemName;

    /// <summary>Where the region came from, for verbose output.</summary>
    public string RegionSource { get; }

    /// <summary>An explicit -EndpointUrl; AWS_ENDPOINT_URL(_SERVICE) are applied by AWSSDK.Core itself.</summary>
    public Uri? EndpointUrl { get; }

    /// <summary>The profile whose credentials are used (named, AWS_PROFILE or default), or null when none is.</summary>
    internal string? CredentialProfile { get; init; }

    /// <summary>The -ProfileLocation the <see cref="CredentialProfile"/> was read from; null for the default files.</summary>
    internal string? ProfileLocation { get; init; }

    /// <summary>Identifies equal connections so their clients are reused; null when they must not be shared.</summary>
    internal string? CacheKey { get; }

    /// <summary>
    /// Credentials that have no cache key (an object from -Credential or $StoredAWSCredentials), told apart by their
    /// current keys, the secret ones as digests; it holds no secret.
    /// </summary>
    internal string KeysIdentity()
    {
        var keys = Credentials.GetCredentials();
        return "keys:" + keys.AccessKey + ":" + ConnectionResolver.Fingerprint(keys.SecretKey + "\n" + keys.Token) + "|" + RegionName + "|" + EndpointUrl;
    }
}

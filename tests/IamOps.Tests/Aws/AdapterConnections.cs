using Amazon;
using IamOps.Connection;

namespace IamOps.Tests.Aws;

/// <summary>Resolved connections for the STS and S3 adapters: test keys, a region, and optionally a local endpoint.</summary>
internal static class AdapterConnections
{
    public static ResolvedConnection For(Uri? endpoint, string region = "eu-west-1") =>
        new(IamTestClients.Keys, "test keys", RegionEndpoint.GetBySystemName(region), "test", endpoint, cacheKey: null);
}

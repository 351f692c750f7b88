using Amazon;
using Amazon.Runtime.CredentialManagement;

namespace IamOps.Connection;

/// <summary>What a user can connect with, as AWSSDK.Core knows it, for tab completion: region codes and profile names.</summary>
public static class ConnectionChoices
{
    /// <summary>Every region code AWSSDK.Core knows, with its display name (e.g. "eu-west-1", "Europe (Ireland)").</summary>
    public static IEnumerable<(string Code, string DisplayName)> Regions() =>
        RegionEndpoint.EnumerableAllRegions.Select(r => (r.SystemName, r.DisplayName));

    /// <summary>
    /// The profile names in the shared credentials and config files (or in <paramref name="profileLocation"/>), read now;
    /// throws what reading the files throws (IOException, UnauthorizedAccessException, ArgumentException).
    /// </summary>
    public static IEnumerable<string> ProfileNames(string? profileLocation) =>
        new CredentialProfileStoreChain(profileLocation).ListProfiles().Select(p => p.Name).ToList();
}

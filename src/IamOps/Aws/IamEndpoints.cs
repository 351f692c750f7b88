using Amazon;

namespace IamOps.Aws;

/// <summary>
/// IAM is global per partition: one endpoint and one signing region for every region of a partition (the IAM
/// endpoint rules of the AWS SDKs). Partitions AWSSDK.Core adds later get <c>iam.{region}.{dnsSuffix}</c>.
/// </summary>
internal static class IamEndpoints
{
    private static readonly Dictionary<string, (string Host, string FipsHost, string SigningRegion)> Partitions = new(StringComparer.Ordinal)
    {
        ["aws"] = ("iam.amazonaws.com", "iam-fips.amazonaws.com", "us-east-1"),
        ["aws-cn"] = ("iam.cn-north-1.amazonaws.com.cn", "iam-fips.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        ["aws-us-gov"] = ("iam.us-gov.amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1"),
        ["aws-iso"] = ("iam.us-iso-east-1.c2s.ic.gov", "iam-fips.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"),
        ["aws-iso-b"] = ("iam.us-isob-east-1.sc2s.sgov.gov", "iam-fips.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"),
        ["aws-iso-e"] = ("iam.eu-isoe-west-1.cloud.adc-e.uk", "iam-fips.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"),
        ["aws-iso-f"] = ("iam.us-isof-south-1.csp.hci.ic.gov", "iam-fips.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"),
    };

    /// <summary>The IAM endpoint URL for the partition of <paramref name="region"/>.</summary>
    public static string UrlFor(RegionEndpoint region, bool useFips)
    {
        if (Partitions.TryGetValue(region.PartitionName ?? "aws", out var known))
        {
            return "https://" + (useFips ? known.FipsHost : known.Host);
        }

        return $"https://iam{(useFips ? "-fips" : string.Empty)}.{region.SystemName}.{region.PartitionDnsSuffix}";
    }

    /// <summary>The region SigV4 signatures name for IAM in the partition of <paramref name="region"/>.</summary>
    public static string SigningRegionFor(RegionEndpoint region) =>
        Partitions.TryGetValue(region.PartitionName ?? "aws", out var known) ? known.SigningRegion : region.SystemName;
}

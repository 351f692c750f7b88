using System.Text.RegularExpressions;

namespace IamOps.BucketAccess;

/// <summary>S3's naming rules for general purpose buckets, checked offline so a typo never reaches a policy.</summary>
public static class S3BucketNames
{
    private static readonly Regex IpAddressLike = new(@"^\d{1,3}(\.\d{1,3}){3}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly string[] ReservedPrefixes = { "xn--", "sthree-", "amzn-s3-demo-" };
    private static readonly string[] ReservedSuffixes = { "-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3" };

    public static void Check(string bucketName)
    {
        var problem = Problem(bucketName ?? string.Empty);
        if (problem is not null)
        {
            throw new IamOpsException("BucketNameInvalid", FailureKind.InvalidArgument,
                $"'{bucketName}' is not a valid S3 bucket name: {problem}. Bucket names are 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (e.g. acme-reports).", bucketName);
        }
    }

    private static string? Problem(string name)
    {
        if (name.Length < 3 || name.Length > 63)
        {
            return $"it has {name.Length} characters";
        }

        var bad = name.FirstOrDefault(c => !(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c == '.' || c == '-'));
        if (bad != default(char))
        {
            return bad is >= 'A' and <= 'Z' ? "it has uppercase letters" : $"it contains '{bad}'";
        }

        if (!char.IsLetterOrDigit(name[0]) || !char.IsLetterOrDigit(name[name.Length - 1]))
        {
            return "it must begin and end with a letter or digit";
        }

        if (name.Contains(".."))
        {
            return "it has two adjacent periods";
        }

        if (name.Contains(".-") || name.Contains("-."))
        {
            return "a period is next to a hyphen";
        }

        if (IpAddressLike.IsMatch(name))
        {
            return "it is formatted as an IP address";
        }

        var prefix = ReservedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal));
        if (prefix is not null)
        {
            return $"the prefix '{prefix}' is reserved by S3";
        }

        var suffix = ReservedSuffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal));
        return suffix is null ? null : $"the suffix '{suffix}' is reserved by S3";
    }
}

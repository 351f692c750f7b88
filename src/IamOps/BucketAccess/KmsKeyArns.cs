using System.Text.RegularExpressions;

namespace IamOps.BucketAccess;

/// <summary>KMS key ARNs as a grant needs them: IAM authorizes KMS calls on the key ARN, never on an alias or bare key id.</summary>
public static class KmsKeyArns
{
    private static readonly Regex KeyArn = new(@"^arn:(aws[a-z-]*):kms:([a-z]{2}(-[a-z]+)+-\d+):(\d{12}):key/([A-Za-z0-9-]{1,64})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static void Check(string keyArn)
    {
        if (!KeyArn.IsMatch(keyArn ?? string.Empty))
        {
            throw new IamOpsException("KmsKeyArnInvalid", FailureKind.InvalidArgument,
                $"'{keyArn}' is not a KMS key ARN: use arn:aws:kms:REGION:ACCOUNT:key/KEY-ID (IAM authorizes KMS by key ARN, not by alias or key id).", keyArn);
        }
    }

    public static string Partition(string keyArn) => KeyArn.Match(keyArn).Groups[1].Value;

    public static string Region(string keyArn) => KeyArn.Match(keyArn).Groups[2].Value;

    /// <summary>The kms:ViaService value for S3 in the key's region, in the key's partition's DNS suffix.</summary>
    public static string S3ViaService(string keyArn)
    {
        var suffix = Partition(keyArn) switch
        {
            "aws-cn" => "amazonaws.com.cn",
            "aws-iso" => "c2s.ic.gov",
            "aws-iso-b" => "sc2s.sgov.gov",
            _ => "amazonaws.com",
        };
        return $"s3.{Region(keyArn)}.{suffix}";
    }
}

using IamOps.BucketAccess;

namespace IamOps.Tests.BucketAccess;

/// <summary>Bucket names, prefixes and key ARNs are checked offline, with a message that says which rule broke.</summary>
public sealed class BucketRequestRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("acme-reports")]
    [InlineData("acme.reports.2024")]
    [InlineData("1bucket9")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Valid_bucket_names_pass(string name) => S3BucketNames.Check(name);

    [Theory]
    [InlineData("Acme-Reports", "uppercase")]
    [InlineData("acme_reports", "'_'")]
    [InlineData("192.168.5.4", "IP address")]
    [InlineData("ab", "2 characters")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234", "64 characters")]
    [InlineData("-acme", "begin and end")]
    [InlineData("acme.", "begin and end")]
    [InlineData("acme..reports", "two adjacent periods")]
    [InlineData("acme.-reports", "period is next to a hyphen")]
    [InlineData("acme-.reports", "period is next to a hyphen")]
    [InlineData("xn--acme", "prefix 'xn--'")]
    [InlineData("sthree-acme", "prefix 'sthree-'")]
    [InlineData("amzn-s3-demo-bucket", "prefix 'amzn-s3-demo-'")]
    [InlineData("acme-s3alias", "suffix '-s3alias'")]
    [InlineData("acme--ol-s3", "suffix '--ol-s3'")]
    [InlineData("acme.mrap", "suffix '.mrap'")]
    [InlineData("acme--x-s3", "suffix '--x-s3'")]
    [InlineData("acme--table-s3", "suffix '--table-s3'")]
    public void Invalid_bucket_names_fail_naming_the_rule(string name, string rule)
    {
        var failure = Assert.Throws<IamOpsException>(() => S3BucketNames.Check(name));

        Assert.Equal("BucketNameInvalid", failure.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
        Assert.Contains(rule, failure.Message, StringComparison.Ordinal);
        Assert.Equal(name, failure.Target);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("reports", "reports/")]
    [InlineData("/reports/", "reports/")]
    [InlineData("//reports/2024", "reports/2024/")]
    [InlineData(" team a/ ", "team a/")]
    public void Prefixes_are_normalized_to_a_folder_without_a_leading_slash(string? prefix, string expected) =>
        Assert.Equal(expected, ObjectPrefix.Normalize(prefix));

    [Theory]
    [InlineData("reports/*")]
    [InlineData("rep?rts/")]
    [InlineData("tab\there/")]
    [InlineData("données/")]
    public void Wildcards_and_non_ascii_prefixes_are_refused(string prefix)
    {
        var failure = Assert.Throws<IamOpsException>(() => ObjectPrefix.Normalize(prefix));

        Assert.Equal("PrefixInvalid", failure.ErrorId);
    }

    [Fact]
    public void Kms_key_arns_give_their_region_and_the_s3_via_service_of_their_partition()
    {
        const string Key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const string ChinaKey = "arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd";

        KmsKeyArns.Check(Key);
        KmsKeyArns.Check(ChinaKey);

        Assert.Equal(("aws", "eu-west-1", "s3.eu-west-1.amazonaws.com"), (KmsKeyArns.Partition(Key), KmsKeyArns.Region(Key), KmsKeyArns.S3ViaService(Key)));
        Assert.Equal("s3.cn-north-1.amazonaws.com.cn", KmsKeyArns.S3ViaService(ChinaKey));
    }

    [Theory]
    [InlineData("alias/reports")]
    [InlineData("arn:aws:kms:eu-west-1:111122223333:alias/reports")]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:kms:eu-west-1:1111:key/abc")]
    public void Aliases_and_bare_key_ids_are_not_key_arns(string value) =>
        Assert.Equal("KmsKeyArnInvalid", Assert.Throws<IamOpsException>(() => KmsKeyArns.Check(value)).ErrorId);
}

using IamOps.Policy;

namespace IamOps.Tests.Policy;

/// <summary>Policies written as the IAM User Guide writes them lint without errors (guards against false positives).</summary>
public class DocumentedExampleTests
{
    public static IEnumerable<object[]> Examples() => new[]
    {
        new object[] { "manage own MFA, nothing else without MFA", PolicyType.Identity, """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"AllowListActions","Effect":"Allow","Action":"iam:ListVirtualMFADevices","Resource":"*"},
              {"Sid":"AllowCreateVirtualMFA","Effect":"Allow","Action":"iam:CreateVirtualMFADevice","Resource":"arn:aws:iam::*:mfa/*"},
              {"Sid":"AllowManageOwnMFA","Effect":"Allow","Action":["iam:DeactivateMFADevice","iam:EnableMFADevice","iam:GetUser","iam:ListMFADevices","iam:ResyncMFADevice"],"Resource":"arn:aws:iam::*:user/${aws:username}"},
              {"Sid":"DenyAllExceptListedIfNoMFA","Effect":"Deny","NotAction":["iam:CreateVirtualMFADevice","iam:EnableMFADevice","iam:GetUser","iam:ListMFADevices","iam:ListVirtualMFADevices","iam:ResyncMFADevice","sts:GetSessionToken"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}
            ]}
            """ },
        new object[] { "bucket policy requiring TLS", PolicyType.Resource, """
            {"Version":"2012-10-17","Statement":[{"Sid":"AllowSSLRequestsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::amzn-s3-demo-bucket","arn:aws:s3:::amzn-s3-demo-bucket/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
            """ },
        new object[] { "GitHub Actions OIDC trust", PolicyType.Trust, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:*"}}}]}
            """ },
        new object[] { "EC2 instance role trust", PolicyType.Trust, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}
            """ },
        new object[] { "cross-account trust with external id", PolicyType.Trust, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unique-ID"}}}]}
            """ },
        new object[] { "KMS default key policy", PolicyType.Resource, """
            {"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}
            """ },
        new object[] { "region restriction SCP", PolicyType.ServiceControl, """
            {"Version":"2012-10-17","Statement":[{"Sid":"DenyAllOutsideEU","Effect":"Deny","NotAction":["iam:*","organizations:*","support:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]}}}]}
            """ },
        new object[] { "DynamoDB leading keys per user", PolicyType.Identity, """
            {"Version":"2012-10-17","Statement":[{"Sid":"AllowAccessToOnlyItemsMatchingUserID","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:BatchGetItem","dynamodb:Query","dynamodb:PutItem","dynamodb:UpdateItem","dynamodb:DeleteItem","dynamodb:BatchWriteItem"],"Resource":["arn:aws:dynamodb:us-west-2:123456789012:table/GameScores"],"Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${www.amazon.com:user_id}"],"dynamodb:Attributes":["UserId","GameTitle","Wins","Losses","TopScore","TopScoreDateTime"]},"StringEqualsIfExists":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}}}]}
            """ },
        new object[] { "EC2 start/stop by matching tag", PolicyType.Identity, """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:StartInstances","ec2:StopInstances"],"Resource":"arn:aws:ec2:*:*:instance/*","Condition":{"StringEquals":{"aws:ResourceTag/Owner":"${aws:username}"}}},{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}
            """ },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Documented_example_lints_without_errors(string name, PolicyType type, string json)
    {
        var findings = PolicyValidator.Validate(json, new PolicyValidationOptions { PolicyType = type });

        Assert.True(findings.All(f => f.Severity != FindingSeverity.Error), $"{name}: {string.Join(" | ", findings)}");
    }
}

using System.Security.Cryptography;
using System.Text;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// The AWS managed policies every simulated account sees, with their published documents (as of early 2026).
/// ReadOnlyAccess is a faithful subset: the real one lists thousands of actions; this keeps its shape (Get*/List*/
/// Describe* per service) for the services IamOps touches. AmazonRDSFullAccess and AmazonEC2FullAccess keep the
/// published statements for their own services and the service-linked-role grants.
/// </summary>
internal static class ManagedPolicyCatalog
{
    public const string AdministratorAccessArn = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static readonly DateTime Published = new(2015, 2, 6, 18, 39, 46, DateTimeKind.Utc);

    private static readonly Dictionary<string, PolicyState> ByArn = new[]
    {
        Entry("AdministratorAccess", "v1", "Provides full access to AWS services and resources.", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}
            """),
        Entry("PowerUserAccess", "v12", "Provides full access to AWS services and resources, but does not allow management of Users and groups.", """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},
              {"Effect":"Allow","Action":["account:GetAccountInformation","account:GetGovCloudAccountInformation","account:GetPrimaryEmail","account:ListRegions","iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeEffectivePolicy","organizations:DescribeOrganization"],"Resource":"*"}]}
            """),
        Entry("ReadOnlyAccess", "v1", "Provides read-only access to AWS services and resources.", """
            {"Version":"2012-10-17","Statement":[{"Sid":"ReadOnlyActions","Effect":"Allow","Action":[
              "autoscaling:Describe*","cloudformation:Describe*","cloudformation:Get*","cloudformation:List*","cloudtrail:Describe*","cloudtrail:Get*","cloudtrail:List*","cloudtrail:LookupEvents",
              "cloudwatch:Describe*","cloudwatch:Get*","cloudwatch:List*","dynamodb:Describe*","dynamodb:List*","ec2:Describe*","ec2:Get*","ecr:Describe*","ecr:List*","ecs:Describe*","ecs:List*",
              "elasticloadbalancing:Describe*","iam:Generate*","iam:Get*","iam:List*","iam:Simulate*","kms:Describe*","kms:Get*","kms:List*","lambda:Get*","lambda:List*","logs:Describe*","logs:Get*",
              "organizations:Describe*","organizations:List*","rds:Describe*","rds:List*","s3:Describe*","s3:Get*","s3:List*","secretsmanager:Describe*","secretsmanager:List*","sns:Get*","sns:List*",
              "sqs:Get*","sqs:List*","ssm:Describe*","ssm:List*","sts:GetCallerIdentity","tag:Get*"],"Resource":"*"}]}
            """),
        Entry("IAMUserChangePassword", "v2", "Provides the ability for an IAM user to change their own password.", """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["iam:ChangePassword"],"Resource":["arn:aws:iam::*:user/${aws:username}"]},
              {"Effect":"Allow","Action":["iam:GetAccountPasswordPolicy"],"Resource":"*"}]}
            """),
        Entry("AmazonEC2FullAccess", "v5", "Provides full access to Amazon EC2 via the AWS Management Console.", """
            {"Version":"2012-10-17","Statement":[
              {"Action":"ec2:*","Effect":"Allow","Resource":"*"},
              {"Effect":"Allow","Action":"elasticloadbalancing:*","Resource":"*"},
              {"Effect":"Allow","Action":"cloudwatch:*","Resource":"*"},
              {"Effect":"Allow","Action":"autoscaling:*","Resource":"*"},
              {"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringEquals":{"iam:AWSServiceName":["autoscaling.amazonaws.com","ec2scheduled.amazonaws.com","elasticloadbalancing.amazonaws.com","spot.amazonaws.com","spotfleet.amazonaws.com","transitgateway.amazonaws.com"]}}}]}
            """),
        Entry("AmazonS3FullAccess", "v2", "Provides full access to all buckets via the AWS Management Console.", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","s3-object-lambda:*"],"Resource":"*"}]}
            """),
        Entry("AmazonS3ReadOnlyAccess", "v3", "Provides read only access to all buckets via the AWS Management Console.", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3:Describe*","s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}
            """),
        Entry("AmazonRDSFullAccess", "v1", "Provides full access to Amazon RDS via the AWS Management Console.", """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["rds:*","application-autoscaling:DeleteScalingPolicy","application-autoscaling:DeregisterScalableTarget","application-autoscaling:DescribeScalableTargets","application-autoscaling:DescribeScalingActivities","application-autoscaling:DescribeScalingPolicies","application-autoscaling:PutScalingPolicy","application-autoscaling:RegisterScalableTarget","cloudwatch:DescribeAlarms","cloudwatch:GetMetricStatistics","cloudwatch:PutMetricAlarm","cloudwatch:DeleteAlarms","cloudwatch:ListMetrics","cloudwatch:GetMetricData","ec2:DescribeAccountAttributes","ec2:DescribeAvailabilityZones","ec2:DescribeCoipPools","ec2:DescribeInternetGateways","ec2:DescribeLocalGatewayRouteTablePermissions","ec2:DescribeLocalGatewayRouteTables","ec2:DescribeLocalGatewayRouteTableVpcAssociations","ec2:DescribeLocalGateways","ec2:DescribeSecurityGroups","ec2:DescribeSubnets","ec2:DescribeVpcAttribute","ec2:DescribeVpcs","ec2:GetCoipPoolUsage","sns:ListSubscriptions","sns:ListTopics","sns:Publish","logs:DescribeLogStreams","logs:GetLogEvents","outposts:GetOutpostInstanceTypes","devops-guru:GetResourceCollection"],"Resource":"*"},
              {"Effect":"Allow","Action":"pi:*","Resource":["arn:aws:pi:*:*:metrics/rds/*","arn:aws:pi:*:*:perf-reports/rds/*"]},
              {"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringLike":{"iam:AWSServiceName":["rds.amazonaws.com","rds.application-autoscaling.amazonaws.com"]}}},
              {"Action":["devops-guru:SearchInsights","devops-guru:ListAnomaliesForInsight"],"Effect":"Allow","Resource":"*","Condition":{"ForAllValues:StringEquals":{"devops-guru:ServiceNames":["RDS"]},"Null":{"devops-guru:ServiceNames":"false"}}}]}
            """),
    }.ToDictionary(p => p.Arn, StringComparer.Ordinal);

    public static IEnumerable<PolicyState> All => ByArn.Values;

    public static PolicyState? Find(string arn) => ByArn.TryGetValue(arn, out var policy) ? policy : null;

    private static PolicyState Entry(string name, string version, string description, string document) => new()
    {
        Name = name,
        Arn = "arn:aws:iam::aws:policy/" + name,
        Id = StableId(name),
        Path = "/",
        Description = description,
        CreateDate = Published,
        UpdateDate = Published,
        DefaultVersionId = version,
        Versions = { new PolicyVersionState { VersionId = version, Document = document.Trim(), CreateDate = Published } },
    };

    /// <summary>The same ANPA id in every account and run, as AWS managed policies have.</summary>
    private static string StableId(string name)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return "ANPA" + new string(hash.Take(17).Select(b => alphabet[b % 32]).ToArray());
    }
}

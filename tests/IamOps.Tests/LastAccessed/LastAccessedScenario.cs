using IamOps.Aws;
using IamOps.Simulator;
using IamOps.Tests.Simulator;

namespace IamOps.Tests.LastAccessed;

/// <summary>
/// An account with role <c>app</c>, granted 40 services by an inline policy (<c>service:*</c> each), whose sessions
/// then really call 3 of them in the sandbox: S3 (GetBucketLocation), EC2 (DescribeIamInstanceProfileAssociations)
/// and IAM (GetRole). Access Advisor's data comes from those calls.
/// </summary>
internal sealed class LastAccessedScenario
{
    public static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    public static readonly string[] FortyServices =
    {
        "iam", "s3", "ec2", "lambda", "dynamodb", "sqs", "sns", "kms", "logs", "cloudwatch", "ssm", "secretsmanager", "ecr", "ecs",
        "eks", "rds", "glue", "athena", "kinesis", "firehose", "apigateway", "cloudformation", "codebuild", "codecommit",
        "codepipeline", "route53", "acm", "elasticloadbalancing", "autoscaling", "batch", "sagemaker", "redshift", "elasticache",
        "es", "events", "states", "xray", "cognito-idp", "config", "cloudtrail",
    };

    public static readonly string[] UsedServices = { "ec2", "iam", "s3" };

    private static readonly CancellationToken None = CancellationToken.None;

    private LastAccessedScenario(SimulatedAccount account, ManualClock clock)
    {
        Account = account;
        Clock = clock;
        Iam = account.Connect().Iam;
    }

    public SimulatedAccount Account { get; }

    public ManualClock Clock { get; }

    /// <summary>The administrator's IAM port.</summary>
    public IIam Iam { get; }

    public string RoleArn => $"arn:aws:iam::{Account.AccountId}:role/app";

    public static string FortyServicePolicy() =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
        + string.Join(",", FortyServices.Select(s => "\"" + s + ":*\"")) + "],\"Resource\":\"*\"}]}";

    /// <summary>The role exists with its 40 services; nothing has been used yet.</summary>
    public static async Task<LastAccessedScenario> GrantedAsync()
    {
        var clock = new ManualClock(Start);
        var scenario = new LastAccessedScenario(new SimulatedAccount("111122223333", clock), clock);
        await scenario.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "app", AssumeRolePolicyDocument = Expect.Trust("""{"AWS":"111122223333"}""") }, None);
        await scenario.Iam.PutInlinePolicyAsync(IdentityKind.Role, "app", "forty-services", FortyServicePolicy(), None);
        scenario.Account.AddBucket("app-data");
        return scenario;
    }

    /// <summary>The role exists and its session has called S3, EC2 and IAM.</summary>
    public static async Task<LastAccessedScenario> UsedAsync()
    {
        var scenario = await GrantedAsync();
        await scenario.UseThreeServicesAsync();
        return scenario;
    }

    /// <summary>Assumes the role and calls S3, EC2 and IAM as its session.</summary>
    public async Task UseThreeServicesAsync()
    {
        var instance = Account.AddInstance();
        var session = await Account.Connect().Sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "work" }, None);
        var asRole = Account.Connect(new SimulatorCredentials(session.Credentials.AccessKeyId, session.Credentials.SecretAccessKey, session.Credentials.SessionToken));
        await asRole.S3.GetBucketLocationAsync("app-data", None);
        await asRole.Ec2.GetInstanceProfileAssociationAsync(instance, None);
        await asRole.Iam.GetRoleAsync("app", None);
    }

    /// <summary>Generates a job and reads it until IAM completes it (the simulator: on the second read).</summary>
    public async Task<ServiceLastAccessedReport> ReportAsync(string arn, AccessAdvisorGranularity granularity, IIam? iam = null)
    {
        iam ??= Iam;
        var jobId = await iam.GenerateServiceLastAccessedDetailsAsync(arn, granularity, None);
        var first = await iam.GetServiceLastAccessedDetailsAsync(jobId, None);
        Assert.Equal(LastAccessedJobStatus.InProgress, first.JobStatus);
        return await iam.GetServiceLastAccessedDetailsAsync(jobId, None);
    }
}

using IamOps.Aws;
using IamOps.Completion;
using IamOps.Connection;
using IamOps.Simulator;

namespace IamOps.Tests.Completion;

/// <summary>What Tab offers for each kind of name: the account's own names, capped, with tooltips; the same over HTTP as in process.</summary>
public sealed class AccountNameListerTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new("111122223333");
    private readonly SimulatorEndpoint _endpoint;

    public AccountNameListerTests()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        _endpoint = SimulatorEndpoint.Start(_account);
    }

    public void Dispose() => _endpoint.Dispose();

    private IAwsConnection OverHttp()
    {
        var keys = _account.AdministratorCredentials;
        return AwsConnection.For(new ConnectionResolver().Resolve(new ConnectionParameters
        {
            AccessKey = keys.AccessKeyId,
            SecretKey = keys.SecretAccessKey,
            Region = "eu-west-1",
            EndpointUrl = _endpoint.BaseUrl.ToString(),
        }));
    }

    private async Task SeedAsync()
    {
        var iam = _account.Connect().Iam;
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "alice", Path = "/eng/" }, None);
        await iam.CreateGroupAsync("developers", "/eng/", None);
        await iam.CreateRoleAsync(new CreateRoleRequest
        {
            RoleName = "app-reader",
            Description = "Reads the app bucket",
            AssumeRolePolicyDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        }, None);
        _account.AddBucket("acme-logs", "eu-west-1");
        _account.AddBucket("someone-elses", "us-east-1", ownerAccountId: "999999999999");
    }

    [Theory]
    [InlineData("User", "Administrator,alice", @"^arn:aws:iam::111122223333:user/eng/alice\ncreated \d{4}-\d\d-\d\d \d\d:\d\d UTC$")]
    [InlineData("Group", "developers", @"^arn:aws:iam::111122223333:group/eng/developers\ncreated ")]
    [InlineData("Role", "app-reader", @"^arn:aws:iam::111122223333:role/app-reader\nReads the app bucket\ncreated ")]
    [InlineData("Bucket", "acme-logs", @"^arn:aws:s3:::acme-logs\neu-west-1$")]
    public async Task Each_kind_lists_the_accounts_own_names_with_a_tooltip_the_same_over_http_as_in_process(string kindName, string names, string lastToolTip)
    {
        var kind = Enum.Parse<AccountNameKind>(kindName);
        await SeedAsync();

        var inProcess = await AccountNameLister.ListAsync(_account.Connect(), kind, None);
        var overHttp = await AccountNameLister.ListAsync(OverHttp(), kind, None);

        Assert.Equal(names, string.Join(",", inProcess.Select(n => n.Name)));
        Assert.Matches(lastToolTip, inProcess[inProcess.Count - 1].ToolTip);
        Assert.Equal(inProcess, overHttp);
    }

    [Fact]
    public async Task Listing_stops_after_the_cap_so_a_huge_account_costs_one_page()
    {
        for (var i = 0; i < AccountNameLister.MaxNames + 500; i++)
        {
            _account.AddBucket($"bucket-{i:D5}");
        }

        var inProcess = await AccountNameLister.ListAsync(_account.Connect(), AccountNameKind.Bucket, None);
        var overHttp = await AccountNameLister.ListAsync(OverHttp(), AccountNameKind.Bucket, None);

        Assert.Equal(AccountNameLister.MaxNames, inProcess.Count);
        Assert.Equal(inProcess.Select(n => n.Name), overHttp.Select(n => n.Name));
        Assert.Equal(2, _account.CallLog.Of("ListBuckets").Count);
    }

    [Fact]
    public async Task Buckets_over_http_page_with_max_buckets_and_the_continuation_token()
    {
        for (var i = 0; i < 1203; i++)
        {
            _account.AddBucket($"bucket-{i:D5}");
        }

        using var s3 = new S3Adapter(new ConnectionResolver().Resolve(new ConnectionParameters
        {
            AccessKey = _account.AdministratorCredentials.AccessKeyId,
            SecretKey = _account.AdministratorCredentials.SecretAccessKey,
            Region = "us-east-1",
            EndpointUrl = _endpoint.BaseUrl.ToString(),
        }));
        var names = new List<string>();
        await foreach (var bucket in s3.ListBucketsAsync(None))
        {
            names.Add(bucket.BucketName);
        }

        Assert.Equal(Enumerable.Range(0, 1203).Select(i => $"bucket-{i:D5}"), names);
        Assert.Equal(2, _account.CallLog.Of("ListBuckets").Count);
    }
}

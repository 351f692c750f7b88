using IamOps.Aws;
using IamOps.Simulator;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>The audit calls' XML, read from canned IAM answers (the simulator's HTTP front end is not their test).</summary>
public sealed class IamQueryClientAuditTests
{
    [Fact]
    public async Task GetAccessKeyLastUsed_reads_the_last_use()
    {
        var (used, request) = await IamExchange.RunAsync(
            Ok("GetAccessKeyLastUsed", "<UserName>alice</UserName><AccessKeyLastUsed><LastUsedDate>2026-03-04T09:01:00Z</LastUsedDate><ServiceName>s3</ServiceName><Region>eu-west-1</Region></AccessKeyLastUsed>"),
            client => client.GetAccessKeyLastUsedAsync("AKIAIOSFODNN7EXAMPLE", CancellationToken.None));

        Assert.Equal("GetAccessKeyLastUsed", request.Action);
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", request.Parameters()["AccessKeyId"]);
        Assert.Equal(new AccessKeyLastUsed { UserName = "alice", AccessKeyId = "AKIAIOSFODNN7EXAMPLE", LastUsedDate = new DateTime(2026, 3, 4, 9, 1, 0, DateTimeKind.Utc), ServiceName = "s3", Region = "eu-west-1" }, used);
    }

    [Fact]
    public async Task GetAccessKeyLastUsed_of_a_key_never_used_has_no_date_service_or_region()
    {
        var (used, _) = await IamExchange.RunAsync(
            Ok("GetAccessKeyLastUsed", "<UserName>bob</UserName><AccessKeyLastUsed><ServiceName>N/A</ServiceName><Region>N/A</Region></AccessKeyLastUsed>"),
            client => client.GetAccessKeyLastUsedAsync("AKIAI44QH8DHBEXAMPLE", CancellationToken.None));

        Assert.Equal("bob", used.UserName);
        Assert.Null(used.LastUsedDate);
        Assert.Null(used.ServiceName);
        Assert.Null(used.Region);
    }

    [Fact]
    public async Task Simulator_answers_GetAccessKeyLastUsed_as_IAM_does()
    {
        var clock = new ManualClock(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc));
        var account = new SimulatedAccount("111122223333", clock);
        var iam = account.Connect().Iam;
        await iam.CreateUserAsync(new CreateUserRequest { UserName = "carol" }, CancellationToken.None);
        var key = await iam.CreateAccessKeyAsync("carol", CancellationToken.None);
        Assert.Null((await iam.GetAccessKeyLastUsedAsync(key.AccessKeyId, CancellationToken.None)).LastUsedDate);

        account.AdvanceClock(TimeSpan.FromDays(2));
        await account.Connect(new SimulatorCredentials(key.AccessKeyId, key.SecretAccessKey)).Sts.GetCallerIdentityAsync(CancellationToken.None);
        var used = await iam.GetAccessKeyLastUsedAsync(key.AccessKeyId, CancellationToken.None);

        Assert.Equal(new AccessKeyLastUsed { UserName = "carol", AccessKeyId = key.AccessKeyId, LastUsedDate = new DateTime(2026, 3, 3, 9, 0, 0, DateTimeKind.Utc), ServiceName = "sts", Region = "us-east-1" }, used);
    }
}

using System.Text.Json;
using Amazon.Runtime;
using IamOps.Aws;
using IamOps.Simulator;
using IamOps.Tests.LastAccessed;

namespace IamOps.Tests.Simulator;

/// <summary>IamOps's IAM client against the simulator's HTTP endpoint: Access Advisor's two calls end to end.</summary>
public sealed class LastAccessedEndToEndTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static IamQueryClient ClientFor(SimulatorEndpoint endpoint, SimulatorCredentials keys) =>
        new(new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey), new IamQueryConfig { ServiceURL = endpoint.BaseUrl.ToString(), MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(20) });

    [Fact]
    public async Task Jobs_over_HTTP_go_from_in_progress_to_the_same_report_as_in_process()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var scenario = await LastAccessedScenario.UsedAsync();
        using var endpoint = SimulatorEndpoint.Start(scenario.Account);
        using var client = ClientFor(endpoint, scenario.Account.AdministratorCredentials);

        var overHttp = await scenario.ReportAsync(scenario.RoleArn, AccessAdvisorGranularity.ActionLevel, client);
        var inProcess = await scenario.ReportAsync(scenario.RoleArn, AccessAdvisorGranularity.ActionLevel);

        Assert.Equal(LastAccessedJobStatus.Completed, overHttp.JobStatus);
        Assert.Equal(40, overHttp.Services.Count);
        Assert.Equal(JsonSerializer.Serialize(inProcess.Services), JsonSerializer.Serialize(overHttp.Services));
        Assert.Equal(inProcess.JobCreationDate, overHttp.JobCreationDate);
        Assert.Equal(AccessAdvisorGranularity.ActionLevel, overHttp.JobType);
        Assert.Contains(scenario.Account.CallLog.Of("GenerateServiceLastAccessedDetails"), c => c.Outcome == "Success");
    }

    [Fact]
    public async Task Errors_over_HTTP_are_the_same_as_in_process()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var scenario = await LastAccessedScenario.GrantedAsync();
        using var endpoint = SimulatorEndpoint.Start(scenario.Account);
        using var client = ClientFor(endpoint, scenario.Account.AdministratorCredentials);

        var http = await Expect.AwsError("NoSuchEntity", 404, () => client.GenerateServiceLastAccessedDetailsAsync("arn:aws:iam::111122223333:role/ghost", AccessAdvisorGranularity.ServiceLevel, None));
        var local = await Expect.AwsError("NoSuchEntity", 404, () => scenario.Iam.GenerateServiceLastAccessedDetailsAsync("arn:aws:iam::111122223333:role/ghost", AccessAdvisorGranularity.ServiceLevel, None));

        Assert.Equal(local.Kind, http.Kind);
    }
}

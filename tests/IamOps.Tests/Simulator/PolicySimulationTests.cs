using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.Tests.Simulator;

public sealed class PolicySimulationTests
{
    private const string Account = "111122223333";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new(Account);
    private readonly IIam _iam;

    public PolicySimulationTests() => _iam = _account.Connect().Iam;

    [Fact]
    public async Task Principal_simulation_uses_the_users_own_and_group_policies()
    {
        await _iam.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, None);
        await _iam.PutInlinePolicyAsync(IdentityKind.User, "alice", "read-logs", Expect.Statement("Allow", "s3:GetObject", "arn:aws:s3:::logs/*"), None);
        await _iam.CreateGroupAsync("devs", null, None);
        await _iam.AttachPolicyAsync(IdentityKind.Group, "devs", "arn:aws:iam::aws:policy/ReadOnlyAccess", None);
        await _iam.AddUserToGroupAsync("devs", "alice", None);
        var results = await Expect.All(_iam.SimulatePrincipalPolicyAsync(new SimulatePrincipalPolicyRequest
        {
            PolicySourceArn = $"arn:aws:iam::{Account}:user/alice",
            ActionNames = new[] { "s3:GetObject", "s3:PutObject", "iam:ListUsers" },
            ResourceArns = new[] { "arn:aws:s3:::logs/today.txt" },
        }, None));
        Assert.Equal(new[] { SimulationDecision.Allowed, SimulationDecision.ImplicitDeny, SimulationDecision.Allowed }, results.Select(r => r.Decision));
        var matched = results[0].MatchedStatements;
        Assert.Contains(matched, m => m.SourcePolicyId == "read-logs" && m.SourcePolicyType == "user" && m.StartLine is not null);
        Assert.Contains(results[2].MatchedStatements, m => m.SourcePolicyId == "ReadOnlyAccess" && m.SourcePolicyType == "aws-managed");
        await Expect.AwsError("NoSuchEntity", 404, () => Expect.All(_iam.SimulatePrincipalPolicyAsync(new SimulatePrincipalPolicyRequest { PolicySourceArn = $"arn:aws:iam::{Account}:user/ghost", ActionNames = new[] { "s3:GetObject" } }, None)));
    }

    [Fact]
    public async Task Custom_simulation_reports_explicit_denies_boundaries_and_missing_context()
    {
        var allowWithMfa = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""";
        var request = new SimulateCustomPolicyRequest
        {
            Policies = new[] { allowWithMfa, Expect.Statement("Deny", "iam:DeleteUser") },
            ActionNames = new[] { "iam:CreateUser", "iam:DeleteUser" },
            PermissionsBoundaryPolicies = new[] { Expect.Statement("Allow", "iam:Create*") },
            ContextEntries = new[] { new SimulationContextEntry { ContextKeyName = "aws:MultiFactorAuthPresent", ContextKeyType = "boolean", ContextKeyValues = new[] { "true" } } },
        };
        var results = await Expect.All(_iam.SimulateCustomPolicyAsync(request, None));
        Assert.Equal(SimulationDecision.Allowed, results[0].Decision);
        Assert.True(results[0].AllowedByPermissionsBoundary);
        Assert.Equal(SimulationDecision.ExplicitDeny, results[1].Decision);
        Assert.Equal("PolicyInputList.2", Assert.Single(results[1].MatchedStatements, m => m.SourcePolicyId == "PolicyInputList.2").SourcePolicyId);
        var withoutMfa = await Expect.All(_iam.SimulateCustomPolicyAsync(request with { ContextEntries = Array.Empty<SimulationContextEntry>(), PermissionsBoundaryPolicies = Array.Empty<string>() }, None));
        Assert.Equal(SimulationDecision.ImplicitDeny, withoutMfa[0].Decision);
        Assert.Contains("aws:MultiFactorAuthPresent", withoutMfa[0].MissingContextValues, StringComparer.OrdinalIgnoreCase);
        await Expect.AwsError("MalformedPolicyDocument", 400, () => Expect.All(_iam.SimulateCustomPolicyAsync(request with { Policies = new[] { "{not json" } }, None)));
        await Expect.AwsError("ValidationError", 400, () => Expect.All(_iam.SimulateCustomPolicyAsync(request with { ActionNames = Array.Empty<string>() }, None)));
    }

    [Fact]
    public async Task Simulation_over_HTTP_gives_the_same_results_as_in_process()
    {
        await _iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "app", AssumeRolePolicyDocument = Expect.Trust("{\"Service\":\"ec2.amazonaws.com\"}") }, None);
        await _iam.AttachPolicyAsync(IdentityKind.Role, "app", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", None);
        using var endpoint = SimulatorEndpoint.Start(_account);
        using var client = new IamQueryClient(new Amazon.Runtime.BasicAWSCredentials(_account.AdministratorCredentials.AccessKeyId, _account.AdministratorCredentials.SecretAccessKey),
            new IamQueryConfig { ServiceURL = endpoint.BaseUrl.ToString(), MaxErrorRetry = 0 });
        var request = new SimulatePrincipalPolicyRequest
        {
            PolicySourceArn = $"arn:aws:iam::{Account}:role/app",
            ActionNames = new[] { "s3:GetObject", "s3:PutObject" },
            ResourceArns = new[] { "arn:aws:s3:::a/b", "arn:aws:s3:::c/d" },
            ContextEntries = new[] { new SimulationContextEntry { ContextKeyName = "aws:SourceIp", ContextKeyType = "ip", ContextKeyValues = new[] { "10.0.0.1" } } },
        };
        var overHttp = await Expect.All(client.SimulatePrincipalPolicyAsync(request, None));
        var inProcess = await Expect.All(_iam.SimulatePrincipalPolicyAsync(request, None));
        Assert.Equal(4, overHttp.Count);
        Assert.Equal(
            inProcess.Select(r => (r.ActionName, r.ResourceName, r.Decision, string.Join(",", r.MatchedStatements.Select(m => $"{m.SourcePolicyId}/{m.SourcePolicyType}/{m.StartLine}:{m.StartColumn}")))),
            overHttp.Select(r => (r.ActionName, r.ResourceName, r.Decision, string.Join(",", r.MatchedStatements.Select(m => $"{m.SourcePolicyId}/{m.SourcePolicyType}/{m.StartLine}:{m.StartColumn}")))));
        Assert.Equal(new[] { SimulationDecision.Allowed, SimulationDecision.Allowed, SimulationDecision.ImplicitDeny, SimulationDecision.ImplicitDeny }, overHttp.Select(r => r.Decision));
    }
}

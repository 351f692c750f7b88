using System.Text;

namespace IamOps.Aws;

// Whole-account reads, policy simulation and the credential report.
internal sealed partial class IamQueryClient
{
    public async Task<AccountAuthorizationDetails> GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter filter, CancellationToken cancellationToken)
    {
        var request = new IamQueryRequest("GetAccountAuthorizationDetails").AddList("Filter", FilterValues(filter));
        var users = new List<UserAuthorizationDetail>();
        var groups = new List<GroupAuthorizationDetail>();
        var roles = new List<RoleAuthorizationDetail>();
        var policies = new List<ManagedPolicyDetail>();
        await foreach (var page in RawPagesAsync(request, pageSize: null, "the account", cancellationToken).ConfigureAwait(false))
        {
            await MapAsync(request, "the account", () =>
            {
                users.AddRange(page.List("UserDetailList").Select(IamXml.UserDetail));
                groups.AddRange(page.List("GroupDetailList").Select(IamXml.GroupDetail));
                roles.AddRange(page.List("RoleDetailList").Select(IamXml.RoleDetail));
                policies.AddRange(page.List("Policies").Select(IamXml.PolicyDetail));
                return true;
            }).ConfigureAwait(false);
        }

        return new AccountAuthorizationDetails { Users = users, Groups = groups, Roles = roles, Policies = policies };
    }

    public IAsyncEnumerable<PolicySimulationResult> SimulatePrincipalPolicyAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken) =>
        PagesAsync(
            AddSimulationParameters(new IamQueryRequest("SimulatePrincipalPolicy").Add("PolicySourceArn", request.PolicySourceArn).AddList("PolicyInputList", request.AdditionalPolicies), request),
            "EvaluationResults", IamXml.SimulationResult, request.PolicySourceArn, cancellationToken);

    public IAsyncEnumerable<PolicySimulationResult> SimulateCustomPolicyAsync(SimulateCustomPolicyRequest request, CancellationToken cancellationToken) =>
        PagesAsync(
            AddSimulationParameters(new IamQueryRequest("SimulateCustomPolicy").AddList("PolicyInputList", request.Policies), request),
            "EvaluationResults", IamXml.SimulationResult, null, cancellationToken);

    public Task<CredentialReportState> GenerateCredentialReportAsync(CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GenerateCredentialReport"), "the credential report", r => IamXml.ReportState(r.Text("State")), cancellationToken);

    public Task<CredentialReport> GetCredentialReportAsync(CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("GetCredentialReport"), "the credential report",
            r => new CredentialReport
            {
                Content = Encoding.UTF8.GetString(r.Fields.Blob("Content")),
                GeneratedTime = r.Fields.Date("GeneratedTime"),
                ReportFormat = r.Text("ReportFormat") ?? "text/csv",
            },
            cancellationToken);

    private static IEnumerable<string> FilterValues(AuthorizationDetailsFilter filter)
    {
        if (filter.HasFlag(AuthorizationDetailsFilter.User))
        {
            yield return "User";
        }

        if (filter.HasFlag(AuthorizationDetailsFilter.Role))
        {
            yield return "Role";
        }

        if (filter.HasFlag(AuthorizationDetailsFilter.Group))
        {
            yield return "Group";
        }

        if (filter.HasFlag(AuthorizationDetailsFilter.LocalManagedPolicy))
        {
            yield return "LocalManagedPolicy";
        }

        if (filter.HasFlag(AuthorizationDetailsFilter.AwsManagedPolicy))
        {
            yield return "AWSManagedPolicy";
        }
    }

    private static IamQueryRequest AddSimulationParameters(IamQueryRequest query, PolicySimulationRequest request)
    {
        query.AddList("ActionNames", request.ActionNames)
            .AddList("ResourceArns", request.ResourceArns)
            .AddList("PermissionsBoundaryPolicyInputList", request.PermissionsBoundaryPolicies)
            .Add("ResourcePolicy", request.ResourcePolicy)
            .Add("ResourceOwner", request.ResourceOwner)
            .Add("CallerArn", request.CallerArn)
            .Add("ResourceHandlingOption", request.ResourceHandlingOption);
        var index = 0;
        foreach (var entry in request.ContextEntries)
        {
            var member = IamQueryRequest.Member("ContextEntries", ++index);
            query.Add(member + ".ContextKeyName", entry.ContextKeyName)
                .Add(member + ".ContextKeyType", entry.ContextKeyType)
                .AddList(member + ".ContextKeyValues", entry.ContextKeyValues);
        }

        return query;
    }
}

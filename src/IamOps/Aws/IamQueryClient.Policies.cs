namespace IamOps.Aws;

// Managed and inline policies, and their attachments to users, groups and roles.
internal sealed partial class IamQueryClient
{
    public Task<ManagedPolicy> CreatePolicyAsync(CreatePolicyRequest request, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreatePolicy").Add("PolicyName", request.PolicyName).Add("PolicyDocument", request.PolicyDocument)
                .Add("Path", request.Path).Add("Description", request.Description).AddTags("Tags", request.Tags),
            request.PolicyName, r => IamXml.ManagedPolicy(r.Field("Policy")), cancellationToken);

    public Task<ManagedPolicy> GetPolicyAsync(string policyArn, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetPolicy").Add("PolicyArn", policyArn), policyArn, r => IamXml.ManagedPolicy(r.Field("Policy")), cancellationToken);

    public Task<PolicyVersion> GetPolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("GetPolicyVersion").Add("PolicyArn", policyArn).Add("VersionId", versionId),
            policyArn, r => IamXml.PolicyVersion(r.Field("PolicyVersion")), cancellationToken);

    public Task<PolicyVersion> CreatePolicyVersionAsync(string policyArn, string policyDocument, bool setAsDefault, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreatePolicyVersion").Add("PolicyArn", policyArn).Add("PolicyDocument", policyDocument).Add("SetAsDefault", setAsDefault),
            policyArn, r => IamXml.PolicyVersion(r.Field("PolicyVersion")), cancellationToken);

    public IAsyncEnumerable<PolicyVersion> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListPolicyVersions").Add("PolicyArn", policyArn), "Versions", IamXml.PolicyVersion, policyArn, cancellationToken);

    public Task DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeletePolicyVersion").Add("PolicyArn", policyArn).Add("VersionId", versionId), policyArn, cancellationToken);

    public Task DeletePolicyAsync(string policyArn, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeletePolicy").Add("PolicyArn", policyArn), policyArn, cancellationToken);

    public Task AttachPolicyAsync(IdentityKind kind, string identityName, string policyArn, CancellationToken cancellationToken) =>
        CallAsync(IdentityRequest("Attach{0}Policy", kind, identityName).Add("PolicyArn", policyArn), identityName, cancellationToken);

    public Task DetachPolicyAsync(IdentityKind kind, string identityName, string policyArn, CancellationToken cancellationToken) =>
        CallAsync(IdentityRequest("Detach{0}Policy", kind, identityName).Add("PolicyArn", policyArn), identityName, cancellationToken);

    public IAsyncEnumerable<AttachedPolicy> ListAttachedPoliciesAsync(IdentityKind kind, string identityName, CancellationToken cancellationToken) =>
        PagesAsync(IdentityRequest("ListAttached{0}Policies", kind, identityName), "AttachedPolicies", IamXml.AttachedPolicy, identityName, cancellationToken);

    public Task PutInlinePolicyAsync(IdentityKind kind, string identityName, string policyName, string policyDocument, CancellationToken cancellationToken) =>
        CallAsync(IdentityRequest("Put{0}Policy", kind, identityName).Add("PolicyName", policyName).Add("PolicyDocument", policyDocument), identityName, cancellationToken);

    public Task<InlinePolicy> GetInlinePolicyAsync(IdentityKind kind, string identityName, string policyName, CancellationToken cancellationToken) =>
        CallAsync(
            IdentityRequest("Get{0}Policy", kind, identityName).Add("PolicyName", policyName), identityName,
            r => new InlinePolicy
            {
                IdentityKind = kind,
                IdentityName = identityName,
                PolicyName = r.Text("PolicyName") ?? policyName,
                PolicyDocument = r.Fields.Policy("PolicyDocument"),
            },
            cancellationToken);

    public Task DeleteInlinePolicyAsync(IdentityKind kind, string identityName, string policyName, CancellationToken cancellationToken) =>
        CallAsync(IdentityRequest("Delete{0}Policy", kind, identityName).Add("PolicyName", policyName), identityName, cancellationToken);

    public IAsyncEnumerable<string> ListInlinePolicyNamesAsync(IdentityKind kind, string identityName, CancellationToken cancellationToken) =>
        PagesAsync(IdentityRequest("List{0}Policies", kind, identityName), "PolicyNames", m => m.Value, identityName, cancellationToken);

    private static IamQueryRequest IdentityRequest(string actionPattern, IdentityKind kind, string identityName)
    {
        var noun = kind switch
        {
            IdentityKind.User => "User",
            IdentityKind.Group => "Group",
            IdentityKind.Role => "Role",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Policies attach to users, groups and roles."),
        };
        return new IamQueryRequest(string.Format(System.Globalization.CultureInfo.InvariantCulture, actionPattern, noun)).Add(noun + "Name", identityName);
    }
}

using System.Runtime.CompilerServices;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using IamOps.Connection;

namespace IamOps.Aws;

/// <summary>
/// <see cref="IIam"/> over IAM's Query API on AWSSDK.Core's pipeline: the SDK's credentials, SigV4 signing, retries
/// (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS), timeouts, endpoint overrides and pooled connections; our marshalling and XML
/// parsing. One instance per connection, shared by every call.
/// </summary>
internal sealed partial class IamQueryClient : AmazonServiceClient, IIam
{
    /// <summary>Items per page: IAM's maximum, so long lists cost fewer calls (and fewer throttling tokens).</summary>
    internal const int PageSize = 1000;

    private static readonly InvokeOptions Options = new()
    {
        RequestMarshaller = IamQueryMarshaller.Instance,
        ResponseUnmarshaller = IamQueryUnmarshaller.Instance,
    };

    public IamQueryClient(AWSCredentials credentials, IamQueryConfig config)
        : base(credentials, config)
    {
    }

    /// <summary>The client for a resolved connection: its credentials, its region's partition, its -EndpointUrl.</summary>
    public static IamQueryClient For(ResolvedConnection connection)
    {
        try
        {
            var config = new IamQueryConfig { HomeRegion = connection.Region };
            if (connection.EndpointUrl is not null)
            {
                config.ServiceURL = connection.EndpointUrl.ToString();
            }

            return new IamQueryClient(connection.Credentials, config);
        }
        catch (AmazonClientException ex)
        {
            // A malformed AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL or profile setting surfaces here.
            throw AwsErrorTranslator.Translate(ex, "iam", connection.EndpointUrl?.ToString());
        }
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.AddHandlerAfter<Marshaller>(new IamAuthResolverHandler());
        var retries = pipeline.Handlers.OfType<RetryHandler>().FirstOrDefault();
        if (retries is not null)
        {
            pipeline.ReplaceHandler<RetryHandler>(new OneShotRetryHandler(retries.RetryPolicy));
        }
    }

    // Users

    public Task<IamUser> CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateUser").Add("UserName", request.UserName).Add("Path", request.Path)
                .Add("PermissionsBoundary", request.PermissionsBoundaryArn).AddTags("Tags", request.Tags),
            request.UserName, r => IamXml.User(r.Field("User")), cancellationToken);

    public Task<IamUser> GetUserAsync(string? userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetUser").Add("UserName", userName), userName ?? "the caller's own user", r => IamXml.User(r.Field("User")), cancellationToken);

    public Task TagUserAsync(string userName, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("TagUser").Add("UserName", userName).AddTags("Tags", tags), userName, cancellationToken);

    public Task UntagUserAsync(string userName, IReadOnlyList<string> tagKeys, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UntagUser").Add("UserName", userName).AddList("TagKeys", tagKeys), userName, cancellationToken);

    public IAsyncEnumerable<IamUser> ListUsersAsync(string? pathPrefix, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListUsers").Add("PathPrefix", pathPrefix), "Users", IamXml.User, pathPrefix, cancellationToken);

    public Task PutUserPermissionsBoundaryAsync(string userName, string permissionsBoundaryArn, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("PutUserPermissionsBoundary").Add("UserName", userName).Add("PermissionsBoundary", permissionsBoundaryArn), userName, cancellationToken);

    // Login profiles

    public Task<LoginProfile> CreateLoginProfileAsync(string userName, string password, bool passwordResetRequired, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateLoginProfile").Add("UserName", userName).Add("Password", password).Add("PasswordResetRequired", passwordResetRequired),
            userName, r => IamXml.LoginProfile(r.Field("LoginProfile")), cancellationToken);

    public Task<LoginProfile> GetLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetLoginProfile").Add("UserName", userName), userName, r => IamXml.LoginProfile(r.Field("LoginProfile")), cancellationToken);

    public Task UpdateLoginProfileAsync(string userName, string? password, bool? passwordResetRequired, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("UpdateLoginProfile").Add("UserName", userName).Add("Password", password).Add("PasswordResetRequired", passwordResetRequired),
            userName, cancellationToken);

    // Access keys

    public Task<NewAccessKey> CreateAccessKeyAsync(string? userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("CreateAccessKey").Add("UserName", userName), userName, r => IamXml.NewAccessKey(r.Field("AccessKey")), cancellationToken);

    public IAsyncEnumerable<AccessKeyMetadata> ListAccessKeysAsync(string? userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListAccessKeys").Add("UserName", userName), "AccessKeyMetadata", IamXml.AccessKeyMetadata, userName, cancellationToken);

    public Task UpdateAccessKeyAsync(string? userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("UpdateAccessKey").Add("UserName", userName).Add("AccessKeyId", accessKeyId).Add("Status", status.ToString()),
            accessKeyId, cancellationToken);

    public Task DeleteAccessKeyAsync(string? userName, string accessKeyId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteAccessKey").Add("UserName", userName).Add("AccessKeyId", accessKeyId), accessKeyId, cancellationToken);

    // Groups

    public Task<IamGroup> CreateGroupAsync(string groupName, string? path, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("CreateGroup").Add("GroupName", groupName).Add("Path", path), groupName, r => IamXml.Group(r.Field("Group")), cancellationToken);

    public Task<IamGroup> GetGroupAsync(string groupName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetGroup").Add("GroupName", groupName), groupName, r => IamXml.Group(r.Field("Group")), cancellationToken);

    public IAsyncEnumerable<IamGroup> ListGroupsAsync(string? pathPrefix, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListGroups").Add("PathPrefix", pathPrefix), "Groups", IamXml.Group, pathPrefix, cancellationToken);

    public Task AddUserToGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("AddUserToGroup").Add("GroupName", groupName).Add("UserName", userName), groupName, cancellationToken);

    public Task RemoveUserFromGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("RemoveUserFromGroup").Add("GroupName", groupName).Add("UserName", userName), groupName, cancellationToken);

    public IAsyncEnumerable<IamGroup> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListGroupsForUser").Add("UserName", userName), "Groups", IamXml.Group, userName, cancellationToken);

    // Managed policies

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

    // Inline policies

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

    // Roles

    public Task<IamRole> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateRole").Add("RoleName", request.RoleName).Add("AssumeRolePolicyDocument", request.AssumeRolePolicyDocument)
                .Add("Path", request.Path).Add("Description", request.Description).Add("MaxSessionDuration", request.MaxSessionDuration)
                .Add("PermissionsBoundary", request.PermissionsBoundaryArn).AddTags("Tags", request.Tags),
            request.RoleName, r => IamXml.Role(r.Field("Role")), cancellationToken);

    public Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetRole").Add("RoleName", roleName), roleName, r => IamXml.Role(r.Field("Role")), cancellationToken);

    public Task UpdateAssumeRolePolicyAsync(string roleName, string policyDocument, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UpdateAssumeRolePolicy").Add("RoleName", roleName).Add("PolicyDocument", policyDocument), roleName, cancellationToken);

    public Task UpdateRoleAsync(string roleName, string? description, int? maxSessionDuration, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UpdateRole").Add("RoleName", roleName).Add("Description", description).Add("MaxSessionDuration", maxSessionDuration), roleName, cancellationToken);

    public Task TagRoleAsync(string roleName, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("TagRole").Add("RoleName", roleName).AddTags("Tags", tags), roleName, cancellationToken);

    public IAsyncEnumerable<IamRole> ListRolesAsync(string? pathPrefix, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListRoles").Add("PathPrefix", pathPrefix), "Roles", IamXml.Role, pathPrefix, cancellationToken);

    // Instance profiles

    public Task<InstanceProfile> CreateInstanceProfileAsync(string instanceProfileName, string? path, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateInstanceProfile").Add("InstanceProfileName", instanceProfileName).Add("Path", path).AddTags("Tags", tags),
            instanceProfileName, r => IamXml.InstanceProfile(r.Field("InstanceProfile")), cancellationToken);

    public Task<InstanceProfile> GetInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("GetInstanceProfile").Add("InstanceProfileName", instanceProfileName),
            instanceProfileName, r => IamXml.InstanceProfile(r.Field("InstanceProfile")), cancellationToken);

    public Task AddRoleToInstanceProfileAsync(string instanceProfileName, string roleName, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("AddRoleToInstanceProfile").Add("InstanceProfileName", instanceProfileName).Add("RoleName", roleName),
            instanceProfileName, cancellationToken);

    public IAsyncEnumerable<InstanceProfile> ListInstanceProfilesForRoleAsync(string roleName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListInstanceProfilesForRole").Add("RoleName", roleName), "InstanceProfiles", IamXml.InstanceProfile, roleName, cancellationToken);

    // Offboarding: deletes and the user dependents that block DeleteUser

    public Task DeleteUserAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteUser").Add("UserName", userName), userName, cancellationToken);

    public Task DeleteUserPermissionsBoundaryAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteUserPermissionsBoundary").Add("UserName", userName), userName, cancellationToken);

    public Task DeleteLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteLoginProfile").Add("UserName", userName), userName, cancellationToken);

    public Task<UserCredential> UploadSigningCertificateAsync(string userName, string certificateBody, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UploadSigningCertificate").Add("UserName", userName).Add("CertificateBody", certificateBody),
            userName, r => IamXml.UserCredential(r.Field("Certificate"), "CertificateId"), cancellationToken);

    public IAsyncEnumerable<UserCredential> ListSigningCertificatesAsync(string userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListSigningCertificates").Add("UserName", userName), "Certificates", m => IamXml.UserCredential(m, "CertificateId"), userName, cancellationToken);

    public Task DeleteSigningCertificateAsync(string userName, string certificateId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteSigningCertificate").Add("UserName", userName).Add("CertificateId", certificateId), certificateId, cancellationToken);

    public Task<UserCredential> UploadSshPublicKeyAsync(string userName, string sshPublicKeyBody, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("UploadSSHPublicKey").Add("UserName", userName).Add("SSHPublicKeyBody", sshPublicKeyBody),
            userName, r => IamXml.UserCredential(r.Field("SSHPublicKey"), "SSHPublicKeyId"), cancellationToken);

    public IAsyncEnumerable<UserCredential> ListSshPublicKeysAsync(string userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListSSHPublicKeys").Add("UserName", userName), "SSHPublicKeys", m => IamXml.UserCredential(m, "SSHPublicKeyId"), userName, cancellationToken);

    public Task DeleteSshPublicKeyAsync(string userName, string sshPublicKeyId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteSSHPublicKey").Add("UserName", userName).Add("SSHPublicKeyId", sshPublicKeyId), sshPublicKeyId, cancellationToken);

    public Task<UserCredential> CreateServiceSpecificCredentialAsync(string userName, string serviceName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("CreateServiceSpecificCredential").Add("UserName", userName).Add("ServiceName", serviceName),
            userName, r => IamXml.UserCredential(r.Field("ServiceSpecificCredential"), "ServiceSpecificCredentialId"), cancellationToken);

    // Not paged: IAM returns every credential of the user at once.
    public async IAsyncEnumerable<UserCredential> ListServiceSpecificCredentialsAsync(string userName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var list = await CallAsync(new IamQueryRequest("ListServiceSpecificCredentials").Add("UserName", userName), userName,
            r => r.List("ServiceSpecificCredentials").Select(m => IamXml.UserCredential(m, "ServiceSpecificCredentialId")).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var credential in list)
        {
            yield return credential;
        }
    }

    public Task DeleteServiceSpecificCredentialAsync(string userName, string credentialId, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteServiceSpecificCredential").Add("UserName", userName).Add("ServiceSpecificCredentialId", credentialId), credentialId, cancellationToken);

    public Task DeactivateMfaDeviceAsync(string userName, string serialNumber, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeactivateMFADevice").Add("UserName", userName).Add("SerialNumber", serialNumber), serialNumber, cancellationToken);

    public Task DeleteVirtualMfaDeviceAsync(string serialNumber, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteVirtualMFADevice").Add("SerialNumber", serialNumber), serialNumber, cancellationToken);

    public Task DeleteRoleAsync(string roleName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteRole").Add("RoleName", roleName), roleName, cancellationToken);

    public Task RemoveRoleFromInstanceProfileAsync(string instanceProfileName, string roleName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("RemoveRoleFromInstanceProfile").Add("InstanceProfileName", instanceProfileName).Add("RoleName", roleName), instanceProfileName, cancellationToken);

    public Task DeleteInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteInstanceProfile").Add("InstanceProfileName", instanceProfileName), instanceProfileName, cancellationToken);

    // Account

    public IAsyncEnumerable<string> ListAccountAliasesAsync(CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListAccountAliases"), "AccountAliases", m => m.Value, null, cancellationToken);

    public Task CreateAccountAliasAsync(string accountAlias, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("CreateAccountAlias").Add("AccountAlias", accountAlias), accountAlias, cancellationToken);

    public Task DeleteAccountAliasAsync(string accountAlias, CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("DeleteAccountAlias").Add("AccountAlias", accountAlias), accountAlias, cancellationToken);

    public Task<PasswordPolicy> GetAccountPasswordPolicyAsync(CancellationToken cancellationToken) =>
        CallAsync(new IamQueryRequest("GetAccountPasswordPolicy"), "the account password policy", r => IamXml.PasswordPolicy(r.Field("PasswordPolicy")), cancellationToken);

    public Task UpdateAccountPasswordPolicyAsync(PasswordPolicy policy, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("UpdateAccountPasswordPolicy")
                .Add("MinimumPasswordLength", policy.MinimumPasswordLength)
                .Add("RequireSymbols", policy.RequireSymbols)
                .Add("RequireNumbers", policy.RequireNumbers)
                .Add("RequireUppercaseCharacters", policy.RequireUppercaseCharacters)
                .Add("RequireLowercaseCharacters", policy.RequireLowercaseCharacters)
                .Add("AllowUsersToChangePassword", policy.AllowUsersToChangePassword)
                .Add("MaxPasswordAge", policy.MaxPasswordAge)
                .Add("PasswordReusePrevention", policy.PasswordReusePrevention)
                .Add("HardExpiry", policy.HardExpiry),
            "the account password policy", cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> GetAccountSummaryAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyDictionary<string, int>>(
            new IamQueryRequest("GetAccountSummary"), "the account",
            r => r.Field("SummaryMap").Entries().ToDictionary(e => e.Key, e => IamXml.ParseInt(e.Value, e.Key), StringComparer.Ordinal),
            cancellationToken);

    // MFA

    public Task<VirtualMfaDevice> CreateVirtualMfaDeviceAsync(string virtualMfaDeviceName, string? path, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("CreateVirtualMFADevice").Add("VirtualMFADeviceName", virtualMfaDeviceName).Add("Path", path).AddTags("Tags", tags),
            virtualMfaDeviceName, r => IamXml.VirtualMfaDevice(r.Field("VirtualMFADevice")), cancellationToken);

    public Task EnableMfaDeviceAsync(string userName, string serialNumber, string authenticationCode1, string authenticationCode2, CancellationToken cancellationToken) =>
        CallAsync(
            new IamQueryRequest("EnableMFADevice").Add("UserName", userName).Add("SerialNumber", serialNumber)
                .Add("AuthenticationCode1", authenticationCode1).Add("AuthenticationCode2", authenticationCode2),
            userName, cancellationToken);

    public IAsyncEnumerable<MfaDevice> ListMfaDevicesAsync(string? userName, CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListMFADevices").Add("UserName", userName), "MFADevices", IamXml.MfaDevice, userName, cancellationToken);

    public IAsyncEnumerable<string> ListUnassignedVirtualMfaDevicesAsync(CancellationToken cancellationToken) =>
        PagesAsync(new IamQueryRequest("ListVirtualMFADevices").Add("AssignmentStatus", "Unassigned"), "VirtualMFADevices", m => m.Required("SerialNumber"), null, cancellationToken);

    // Whole-account reads, simulation and reports

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

    // The one path every call takes: SDK pipeline, then mapping, with every failure as an IamOpsException.

    private Task CallAsync(IamQueryRequest request, string? resource, CancellationToken cancellationToken) =>
        CallAsync(request, resource, _ => true, cancellationToken);

    private async Task<T> CallAsync<T>(IamQueryRequest request, string? resource, Func<IamQueryResult, T> map, CancellationToken cancellationToken)
    {
        var result = await SendAsync(request, resource, cancellationToken).ConfigureAwait(false);
        return await MapAsync(request, resource, () => map(result)).ConfigureAwait(false);
    }

    private async Task<IamQueryResult> SendAsync(IamQueryRequest request, string? resource, CancellationToken cancellationToken)
    {
        try
        {
            var response = await InvokeAsync<IamQueryResponse>(request, Options, cancellationToken).ConfigureAwait(false);
            return response.Result;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw AwsErrorTranslator.Translate(ex, "iam:" + request.Action, resource);
        }
    }

    private static Task<T> MapAsync<T>(IamQueryRequest request, string? resource, Func<T> map)
    {
        try
        {
            return Task.FromResult(map());
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or FormatException or InvalidOperationException)
        {
            throw AwsErrorTranslator.Translate(ex, "iam:" + request.Action, resource);
        }
    }

    private async IAsyncEnumerable<T> PagesAsync<T>(
        IamQueryRequest request, string listName, Func<System.Xml.Linq.XElement, T> map, string? resource,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in RawPagesAsync(request, PageSize, resource, cancellationToken).ConfigureAwait(false))
        {
            var items = await MapAsync(request, resource, () => page.List(listName).Select(map).ToList()).ConfigureAwait(false);
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    /// <summary>Follows Marker while IsTruncated; a marker that does not advance is a broken endpoint, not a reason to loop.</summary>
    private async IAsyncEnumerable<IamQueryResult> RawPagesAsync(
        IamQueryRequest request, int? pageSize, string? resource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? marker = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var pageRequest = request.WithMarker(marker).Add("MaxItems", pageSize);
            var page = await SendAsync(pageRequest, resource, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!page.IsTruncated)
            {
                yield break;
            }

            marker = page.Marker;
            if (string.IsNullOrEmpty(marker) || !seen.Add(marker!))
            {
                throw new IamOpsException("AwsPagingBroken", FailureKind.InvalidData,
                    $"iam:{request.Action} returned a truncated page without a new Marker (request id {page.RequestId ?? "none"}). Check that -EndpointUrl/AWS_ENDPOINT_URL points at IAM.",
                    resource);
            }
        }
    }

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

using System.Globalization;
using IamOps.Aws;

namespace IamOps.Simulator;

/// <summary><see cref="IIam"/> in process: each method is one logged, fault-injectable call on the account.</summary>
internal sealed partial class SimulatorIam : IIam
{
    private readonly SimulatorConnection _connection;

    public SimulatorIam(SimulatorConnection connection) => _connection = connection;

    private IamService Service => _connection.Account.Iam;

    public Task<IamUser> CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken) =>
        Run("CreateUser", request.UserName, Needs(IamResources.Tags(request.Tags).Append(("UserName", request.UserName)).Append(("Path", request.Path)).ToArray()), _ => Service.CreateUser(request), cancellationToken);

    public Task<IamUser> GetUserAsync(string? userName, CancellationToken cancellationToken) =>
        Run("GetUser", userName, Needs(("UserName", userName)), caller => Service.GetUser(caller, userName), cancellationToken);

    public Task TagUserAsync(string userName, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        Run("TagUser", userName, Needs(IamResources.Tags(tags).Append(("UserName", userName)).ToArray()), _ => Service.TagUser(userName, tags), cancellationToken);

    public Task UntagUserAsync(string userName, IReadOnlyList<string> tagKeys, CancellationToken cancellationToken) =>
        Run("UntagUser", userName, Needs(IamResources.TagKeys(tagKeys).Append(("UserName", userName)).ToArray()), _ => Service.UntagUser(userName, tagKeys), cancellationToken);

    public IAsyncEnumerable<IamUser> ListUsersAsync(string? pathPrefix, CancellationToken cancellationToken) =>
        List("ListUsers", null, Needs(), _ => Service.ListUsers(pathPrefix));

    public Task PutUserPermissionsBoundaryAsync(string userName, string permissionsBoundaryArn, CancellationToken cancellationToken) =>
        Run("PutUserPermissionsBoundary", userName, Needs(("UserName", userName)), _ => Service.PutUserPermissionsBoundary(userName, permissionsBoundaryArn), cancellationToken);

    public Task DeleteUserAsync(string userName, CancellationToken cancellationToken) =>
        Run("DeleteUser", userName, Needs(("UserName", userName)), _ => Service.DeleteUser(userName), cancellationToken);

    public Task DeleteUserPermissionsBoundaryAsync(string userName, CancellationToken cancellationToken) =>
        Run("DeleteUserPermissionsBoundary", userName, Needs(("UserName", userName)), _ => Service.DeleteUserPermissionsBoundary(userName), cancellationToken);

    public Task DeleteLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        Run("DeleteLoginProfile", userName, Needs(("UserName", userName)), _ => Service.DeleteLoginProfile(userName), cancellationToken);

    public Task<UserCredential> UploadSigningCertificateAsync(string userName, string certificateBody, CancellationToken cancellationToken) =>
        Run("UploadSigningCertificate", userName, Needs(("UserName", userName)), _ => Service.UploadSigningCertificate(userName, certificateBody), cancellationToken);

    public IAsyncEnumerable<UserCredential> ListSigningCertificatesAsync(string userName, CancellationToken cancellationToken) =>
        List("ListSigningCertificates", userName, Needs(("UserName", userName)), _ => Service.ListSigningCertificates(userName));

    public Task DeleteSigningCertificateAsync(string userName, string certificateId, CancellationToken cancellationToken) =>
        Run("DeleteSigningCertificate", certificateId, Needs(("UserName", userName)), _ => Service.DeleteSigningCertificate(userName, certificateId), cancellationToken);

    public Task<UserCredential> UploadSshPublicKeyAsync(string userName, string sshPublicKeyBody, CancellationToken cancellationToken) =>
        Run("UploadSSHPublicKey", userName, Needs(("UserName", userName)), _ => Service.UploadSshPublicKey(userName, sshPublicKeyBody), cancellationToken);

    public IAsyncEnumerable<UserCredential> ListSshPublicKeysAsync(string userName, CancellationToken cancellationToken) =>
        List("ListSSHPublicKeys", userName, Needs(("UserName", userName)), _ => Service.ListSshPublicKeys(userName));

    public Task DeleteSshPublicKeyAsync(string userName, string sshPublicKeyId, CancellationToken cancellationToken) =>
        Run("DeleteSSHPublicKey", sshPublicKeyId, Needs(("UserName", userName)), _ => Service.DeleteSshPublicKey(userName, sshPublicKeyId), cancellationToken);

    public Task<UserCredential> CreateServiceSpecificCredentialAsync(string userName, string serviceName, CancellationToken cancellationToken) =>
        Run("CreateServiceSpecificCredential", userName, Needs(("UserName", userName)), _ => Service.CreateServiceSpecificCredential(userName, serviceName), cancellationToken);

    public IAsyncEnumerable<UserCredential> ListServiceSpecificCredentialsAsync(string userName, CancellationToken cancellationToken) =>
        List("ListServiceSpecificCredentials", userName, Needs(("UserName", userName)), _ => Service.ListServiceSpecificCredentials(userName));

    public Task DeleteServiceSpecificCredentialAsync(string userName, string credentialId, CancellationToken cancellationToken) =>
        Run("DeleteServiceSpecificCredential", credentialId, Needs(("UserName", userName)), _ => Service.DeleteServiceSpecificCredential(userName, credentialId), cancellationToken);

    public Task DeactivateMfaDeviceAsync(string userName, string serialNumber, CancellationToken cancellationToken) =>
        Run("DeactivateMFADevice", serialNumber, Needs(("UserName", userName)), _ => Service.DeactivateMfaDevice(userName, serialNumber), cancellationToken);

    public Task DeleteVirtualMfaDeviceAsync(string serialNumber, CancellationToken cancellationToken) =>
        Run("DeleteVirtualMFADevice", serialNumber, Needs(("SerialNumber", serialNumber)), _ => Service.DeleteVirtualMfaDevice(serialNumber), cancellationToken);

    public Task DeleteRoleAsync(string roleName, CancellationToken cancellationToken) =>
        Run("DeleteRole", roleName, Needs(("RoleName", roleName)), _ => Service.DeleteRole(roleName), cancellationToken);

    public Task RemoveRoleFromInstanceProfileAsync(string instanceProfileName, string roleName, CancellationToken cancellationToken) =>
        Run("RemoveRoleFromInstanceProfile", instanceProfileName, Needs(("InstanceProfileName", instanceProfileName), ("RoleName", roleName)), _ => Service.RemoveRoleFromInstanceProfile(instanceProfileName, roleName), cancellationToken);

    public Task DeleteInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken) =>
        Run("DeleteInstanceProfile", instanceProfileName, Needs(("InstanceProfileName", instanceProfileName)), _ => Service.DeleteInstanceProfile(instanceProfileName), cancellationToken);

    public Task<LoginProfile> CreateLoginProfileAsync(string userName, string password, bool passwordResetRequired, CancellationToken cancellationToken) =>
        Run("CreateLoginProfile", userName, Needs(("UserName", userName)), _ => Service.CreateLoginProfile(userName, password, passwordResetRequired), cancellationToken);

    public Task<LoginProfile> GetLoginProfileAsync(string userName, CancellationToken cancellationToken) =>
        Run("GetLoginProfile", userName, Needs(("UserName", userName)), _ => Service.GetLoginProfile(userName), cancellationToken);

    public Task UpdateLoginProfileAsync(string userName, string? password, bool? passwordResetRequired, CancellationToken cancellationToken) =>
        Run("UpdateLoginProfile", userName, Needs(("UserName", userName)), _ => Service.UpdateLoginProfile(userName, password, passwordResetRequired), cancellationToken);

    public Task<NewAccessKey> CreateAccessKeyAsync(string? userName, CancellationToken cancellationToken) =>
        Run("CreateAccessKey", userName, Needs(("UserName", userName)), caller => Service.CreateAccessKey(caller, userName), cancellationToken);

    public IAsyncEnumerable<AccessKeyMetadata> ListAccessKeysAsync(string? userName, CancellationToken cancellationToken) =>
        List("ListAccessKeys", userName, Needs(("UserName", userName)), caller => Service.ListAccessKeys(caller, userName));

    public Task UpdateAccessKeyAsync(string? userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        Run("UpdateAccessKey", accessKeyId, Needs(("UserName", userName)), caller => Service.UpdateAccessKey(caller, userName, accessKeyId, status), cancellationToken);

    public Task DeleteAccessKeyAsync(string? userName, string accessKeyId, CancellationToken cancellationToken) =>
        Run("DeleteAccessKey", accessKeyId, Needs(("UserName", userName)), caller => Service.DeleteAccessKey(caller, userName, accessKeyId), cancellationToken);

    public Task<IamGroup> CreateGroupAsync(string groupName, string? path, CancellationToken cancellationToken) =>
        Run("CreateGroup", groupName, Needs(("GroupName", groupName), ("Path", path)), _ => Service.CreateGroup(groupName, path), cancellationToken);

    public Task<IamGroup> GetGroupAsync(string groupName, CancellationToken cancellationToken) =>
        Run("GetGroup", groupName, Needs(("GroupName", groupName)), _ => Service.GetGroup(groupName), cancellationToken);

    public IAsyncEnumerable<IamGroup> ListGroupsAsync(string? pathPrefix, CancellationToken cancellationToken) =>
        List("ListGroups", null, Needs(), _ => Service.ListGroups(pathPrefix));

    public Task AddUserToGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        Run("AddUserToGroup", groupName, Needs(("GroupName", groupName), ("UserName", userName)), _ => Service.AddUserToGroup(groupName, userName), cancellationToken);

    public Task RemoveUserFromGroupAsync(string groupName, string userName, CancellationToken cancellationToken) =>
        Run("RemoveUserFromGroup", groupName, Needs(("GroupName", groupName), ("UserName", userName)), _ => Service.RemoveUserFromGroup(groupName, userName), cancellationToken);

    public IAsyncEnumerable<IamGroup> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken) =>
        List("ListGroupsForUser", userName, Needs(("UserName", userName)), _ => Service.ListGroupsForUser(userName));

    public Task<ManagedPolicy> CreatePolicyAsync(CreatePolicyRequest request, CancellationToken cancellationToken) =>
        Run("CreatePolicy", request.PolicyName, Needs(IamResources.Tags(request.Tags).Append(("PolicyName", request.PolicyName)).Append(("Path", request.Path)).ToArray()), _ => Service.CreatePolicy(request), cancellationToken);

    public Task<ManagedPolicy> GetPolicyAsync(string policyArn, CancellationToken cancellationToken) =>
        Run("GetPolicy", policyArn, Needs(("PolicyArn", policyArn)), _ => Service.GetPolicy(policyArn), cancellationToken);

    public Task<PolicyVersion> GetPolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken) =>
        Run("GetPolicyVersion", policyArn, Needs(("PolicyArn", policyArn)), _ => Service.GetPolicyVersion(policyArn, versionId), cancellationToken);

    public Task<PolicyVersion> CreatePolicyVersionAsync(string policyArn, string policyDocument, bool setAsDefault, CancellationToken cancellationToken) =>
        Run("CreatePolicyVersion", policyArn, Needs(("PolicyArn", policyArn)), _ => Service.CreatePolicyVersion(policyArn, policyDocument, setAsDefault), cancellationToken);

    public IAsyncEnumerable<PolicyVersion> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken) =>
        List("ListPolicyVersions", policyArn, Needs(("PolicyArn", policyArn)), _ => Service.ListPolicyVersions(policyArn));

    public Task DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken) =>
        Run("DeletePolicyVersion", policyArn, Needs(("PolicyArn", policyArn)), _ => Service.DeletePolicyVersion(policyArn, versionId), cancellationToken);

    public Task DeletePolicyAsync(string policyArn, CancellationToken cancellationToken) =>
        Run("DeletePolicy", policyArn, Needs(("PolicyArn", policyArn)), _ => Service.DeletePolicy(policyArn), cancellationToken);

    public Task AttachPolicyAsync(IdentityKind kind, string identityName, string policyArn, CancellationToken cancellationToken) =>
        Run(Named("Attach{0}Policy", kind), identityName, Needs(Identity(kind, identityName), ("PolicyArn", policyArn)), _ => Service.AttachPolicy(kind, identityName, policyArn), cancellationToken);

    public Task DetachPolicyAsync(IdentityKind kind, string identityName, string policyArn, CancellationToken cancellationToken) =>
        Run(Named("Detach{0}Policy", kind), identityName, Needs(Identity(kind, identityName), ("PolicyArn", policyArn)), _ => Service.DetachPolicy(kind, identityName, policyArn), cancellationToken);

    public IAsyncEnumerable<AttachedPolicy> ListAttachedPoliciesAsync(IdentityKind kind, string identityName, CancellationToken cancellationToken) =>
        List(Named("ListAttached{0}Policies", kind), identityName, Needs(Identity(kind, identityName)), _ => Service.ListAttachedPolicies(kind, identityName));

    public Task PutInlinePolicyAsync(IdentityKind kind, string identityName, string policyName, string policyDocument, CancellationToken cancellationToken) =>
        Run(Named("Put{0}Policy", kind), identityName, Needs(Identity(kind, identityName)), _ => Service.PutInlinePolicy(kind, identityName, policyName, policyDocument), cancellationToken);

    public Task<InlinePolicy> GetInlinePolicyAsync(IdentityKind kind, string identityName, string policyName, CancellationToken cancellationToken) =>
        Run(Named("Get{0}Policy", kind), identityName, Needs(Identity(kind, identityName)), _ => Service.GetInlinePolicy(kind, identityName, policyName), cancellationToken);

    public Task DeleteInlinePolicyAsync(IdentityKind kind, string identityName, string policyName, CancellationToken cancellationToken) =>
        Run(Named("Delete{0}Policy", kind), identityName, Needs(Identity(kind, identityName)), _ => Service.DeleteInlinePolicy(kind, identityName, policyName), cancellationToken);

    public IAsyncEnumerable<string> ListInlinePolicyNamesAsync(IdentityKind kind, string identityName, CancellationToken cancellationToken) =>
        List(Named("List{0}Policies", kind), identityName, Needs(Identity(kind, identityName)), _ => Service.ListInlinePolicyNames(kind, identityName));

    public Task<IamRole> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken) =>
        Run("CreateRole", request.RoleName, Needs(IamResources.Tags(request.Tags).Append(("RoleName", request.RoleName)).Append(("Path", request.Path)).ToArray()), _ => Service.CreateRole(request), cancellationToken);

    public Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken) =>
        Run("GetRole", roleName, Needs(("RoleName", roleName)), _ => Service.GetRole(roleName), cancellationToken);

    public Task UpdateAssumeRolePolicyAsync(string roleName, string policyDocument, CancellationToken cancellationToken) =>
        Run("UpdateAssumeRolePolicy", roleName, Needs(("RoleName", roleName)), _ => Service.UpdateAssumeRolePolicy(roleName, policyDocument), cancellationToken);

    public Task UpdateRoleAsync(string roleName, string? description, int? maxSessionDuration, CancellationToken cancellationToken) =>
        Run("UpdateRole", roleName, Needs(("RoleName", roleName)), _ => Service.UpdateRole(roleName, description, maxSessionDuration), cancellationToken);

    public Task TagRoleAsync(string roleName, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        Run("TagRole", roleName, Needs(IamResources.Tags(tags).Append(("RoleName", roleName)).ToArray()), _ => Service.TagRole(roleName, tags), cancellationToken);

    public IAsyncEnumerable<IamRole> ListRolesAsync(string? pathPrefix, CancellationToken cancellationToken) =>
        List("ListRoles", null, Needs(), _ => Service.ListRoles(pathPrefix));

    public Task<InstanceProfile> CreateInstanceProfileAsync(string instanceProfileName, string? path, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        Run("CreateInstanceProfile", instanceProfileName, Needs(IamResources.Tags(tags).Append(("InstanceProfileName", instanceProfileName)).Append(("Path", path)).ToArray()), _ => Service.CreateInstanceProfile(instanceProfileName, path, tags), cancellationToken);

    public Task<InstanceProfile> GetInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken) =>
        Run("GetInstanceProfile", instanceProfileName, Needs(("InstanceProfileName", instanceProfileName)), _ => Service.GetInstanceProfile(instanceProfileName), cancellationToken);

    public Task AddRoleToInstanceProfileAsync(string instanceProfileName, string roleName, CancellationToken cancellationToken) =>
        Run("AddRoleToInstanceProfile", instanceProfileName, Needs(("InstanceProfileName", instanceProfileName), ("RoleName", roleName)), _ => Service.AddRoleToInstanceProfile(instanceProfileName, roleName), cancellationToken);

    public IAsyncEnumerable<InstanceProfile> ListInstanceProfilesForRoleAsync(string roleName, CancellationToken cancellationToken) =>
        List("ListInstanceProfilesForRole", roleName, Needs(("RoleName", roleName)), _ => Service.ListInstanceProfilesForRole(roleName));

    public IAsyncEnumerable<string> ListAccountAliasesAsync(CancellationToken cancellationToken) =>
        List("ListAccountAliases", null, Needs(), _ => Service.ListAccountAliases());

    public Task CreateAccountAliasAsync(string accountAlias, CancellationToken cancellationToken) =>
        Run("CreateAccountAlias", accountAlias, Needs(), _ => Service.CreateAccountAlias(accountAlias), cancellationToken);

    public Task DeleteAccountAliasAsync(string accountAlias, CancellationToken cancellationToken) =>
        Run("DeleteAccountAlias", accountAlias, Needs(), _ => Service.DeleteAccountAlias(accountAlias), cancellationToken);

    public Task<PasswordPolicy> GetAccountPasswordPolicyAsync(CancellationToken cancellationToken) =>
        Run("GetAccountPasswordPolicy", null, Needs(), _ => Service.GetAccountPasswordPolicy(), cancellationToken);

    public Task UpdateAccountPasswordPolicyAsync(PasswordPolicy policy, CancellationToken cancellationToken) =>
        Run("UpdateAccountPasswordPolicy", null, Needs(), _ => Service.UpdateAccountPasswordPolicy(policy), cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> GetAccountSummaryAsync(CancellationToken cancellationToken) =>
        Run("GetAccountSummary", null, Needs(), _ => Service.GetAccountSummary(), cancellationToken);

    public Task<VirtualMfaDevice> CreateVirtualMfaDeviceAsync(string virtualMfaDeviceName, string? path, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken) =>
        Run("CreateVirtualMFADevice", virtualMfaDeviceName, Needs(IamResources.Tags(tags).Append(("VirtualMFADeviceName", virtualMfaDeviceName)).Append(("Path", path)).ToArray()), _ => Service.CreateVirtualMfaDevice(virtualMfaDeviceName, path, tags).Device, cancellationToken);

    public Task EnableMfaDeviceAsync(string userName, string serialNumber, string authenticationCode1, string authenticationCode2, CancellationToken cancellationToken) =>
        Run("EnableMFADevice", userName, Needs(("UserName", userName)), _ => Service.EnableMfaDevice(userName, serialNumber, authenticationCode1, authenticationCode2), cancellationToken);

    public IAsyncEnumerable<MfaDevice> ListMfaDevicesAsync(string? userName, CancellationToken cancellationToken) =>
        List("ListMFADevices", userName, Needs(("UserName", userName)), caller => Service.ListMfaDevices(caller, userName));

    public IAsyncEnumerable<string> ListUnassignedVirtualMfaDevicesAsync(CancellationToken cancellationToken) =>
        List("ListVirtualMFADevices", null, Needs(), _ => Service.ListVirtualMfaDevices("Unassigned").Select(d => d.SerialNumber).ToList());

    public Task<AccountAuthorizationDetails> GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter filter, CancellationToken cancellationToken) =>
        Run("GetAccountAuthorizationDetails", null, Needs(), _ => Service.GetAccountAuthorizationDetails(filter), cancellationToken);

    public IAsyncEnumerable<PolicySimulationResult> SimulatePrincipalPolicyAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken) =>
        List("SimulatePrincipalPolicy", request.PolicySourceArn, Needs(("PolicySourceArn", request.PolicySourceArn)), _ => _connection.Account.Simulator.Principal(request));

    public IAsyncEnumerable<PolicySimulationResult> SimulateCustomPolicyAsync(SimulateCustomPolicyRequest request, CancellationToken cancellationToken) =>
        List("SimulateCustomPolicy", null, Needs(), _ => _connection.Account.Simulator.Custom(request));

    public Task<CredentialReportState> GenerateCredentialReportAsync(CancellationToken cancellationToken) =>
        Run("GenerateCredentialReport", null, Needs(), _ => Service.GenerateCredentialReport(), cancellationToken);

    public Task<CredentialReport> GetCredentialReportAsync(CancellationToken cancellationToken) =>
        Run("GetCredentialReport", null, Needs(), _ => Service.GetCredentialReport(), cancellationToken);

    private static string Named(string pattern, IdentityKind kind) => string.Format(CultureInfo.InvariantCulture, pattern, kind);

    /// <summary>The call's parameters under their Query names: what authorization resolves the resource ARN from.</summary>
    private static (string Name, string? Value)[] Needs(params (string Name, string? Value)[] parameters) => parameters;

    private static (string Name, string? Value) Identity(IdentityKind kind, string name) => (kind + "Name", name);

    private Func<CallerPrincipal, Permission?> PermissionFor(string operation, (string Name, string? Value)[] parameters) =>
        caller => IamResources.For(_connection.Account, caller, operation, IamResources.Parameters(parameters));

    private Task<T> Run<T>(string operation, string? resource, (string Name, string? Value)[] parameters, Func<CallerPrincipal, T> apply, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_connection.Call("iam", operation, resource, apply, permission: PermissionFor(operation, parameters)));
    }

    private Task Run(string operation, string? resource, (string Name, string? Value)[] parameters, Action<CallerPrincipal> apply, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _connection.Call("iam", operation, resource, apply, PermissionFor(operation, parameters));
        return Task.CompletedTask;
    }

    private DeferredList<T> List<T>(string operation, string? resource, (string Name, string? Value)[] parameters, Func<CallerPrincipal, IReadOnlyList<T>> fetch) =>
        new(() => _connection.Call("iam", operation, resource, fetch, permission: PermissionFor(operation, parameters)));
}

namespace IamOps.Aws;

/// <summary>
/// The IAM calls IamOps makes, in our own types. Failures arrive as <see cref="IamOpsException"/> with the AWS code
/// (a missing entity is <see cref="FailureKind.ObjectNotFound"/>, an existing one <see cref="FailureKind.ResourceExists"/>).
/// List methods page inside (Marker/IsTruncated) and yield items as pages arrive; stopping early stops paging.
/// Policy documents go in and come out as plain JSON text. A null user name means the caller's own user.
/// A create whose first attempt succeeded but whose answer was lost is retried and reports ResourceExists; operations
/// that asked for the create treat ResourceExists as converged (re-read and carry on), so nothing is made twice.
/// </summary>
public partial interface IIam
{
    // Users
    Task<IamUser> CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken);

    Task<IamUser> GetUserAsync(string? userName, CancellationToken cancellationToken);

    Task TagUserAsync(string userName, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken);

    Task UntagUserAsync(string userName, IReadOnlyList<string> tagKeys, CancellationToken cancellationToken);

    IAsyncEnumerable<IamUser> ListUsersAsync(string? pathPrefix, CancellationToken cancellationToken);

    /// <summary>Sets or replaces the user's permissions boundary (a managed policy ARN).</summary>
    Task PutUserPermissionsBoundaryAsync(string userName, string permissionsBoundaryArn, CancellationToken cancellationToken);

    /// <summary>IAM refuses (DeleteConflict) while the user has any credential, MFA device, group or policy.</summary>
    Task DeleteUserAsync(string userName, CancellationToken cancellationToken);

    Task DeleteUserPermissionsBoundaryAsync(string userName, CancellationToken cancellationToken);

    // Login profiles
    Task<LoginProfile> CreateLoginProfileAsync(string userName, string password, bool passwordResetRequired, CancellationToken cancellationToken);

    Task<LoginProfile> GetLoginProfileAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Null <paramref name="password"/> or <paramref name="passwordResetRequired"/> leaves that setting as it is.</summary>
    Task UpdateLoginProfileAsync(string userName, string? password, bool? passwordResetRequired, CancellationToken cancellationToken);

    Task DeleteLoginProfileAsync(string userName, CancellationToken cancellationToken);

    // Signing certificates, SSH public keys and service-specific credentials (user dependents that block DeleteUser)
    Task<UserCredential> UploadSigningCertificateAsync(string userName, string certificateBody, CancellationToken cancellationToken);

    IAsyncEnumerable<UserCredential> ListSigningCertificatesAsync(string userName, CancellationToken cancellationToken);

    Task DeleteSigningCertificateAsync(string userName, string certificateId, CancellationToken cancellationToken);

    Task<UserCredential> UploadSshPublicKeyAsync(string userName, string sshPublicKeyBody, CancellationToken cancellationToken);

    IAsyncEnumerable<UserCredential> ListSshPublicKeysAsync(string userName, CancellationToken cancellationToken);

    Task DeleteSshPublicKeyAsync(string userName, string sshPublicKeyId, CancellationToken cancellationToken);

    /// <summary>Creates a credential for <paramref name="serviceName"/>; its password is not kept (IamOps never needs it).</summary>
    Task<UserCredential> CreateServiceSpecificCredentialAsync(string userName, string serviceName, CancellationToken cancellationToken);

    IAsyncEnumerable<UserCredential> ListServiceSpecificCredentialsAsync(string userName, CancellationToken cancellationToken);

    Task DeleteServiceSpecificCredentialAsync(string userName, string credentialId, CancellationToken cancellationToken);

    // Access keys
    Task<NewAccessKey> CreateAccessKeyAsync(string? userName, CancellationToken cancellationToken);

    IAsyncEnumerable<AccessKeyMetadata> ListAccessKeysAsync(string? userName, CancellationToken cancellationToken);

    Task UpdateAccessKeyAsync(string? userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken);

    Task DeleteAccessKeyAsync(string? userName, string accessKeyId, CancellationToken cancellationToken);

    // Groups
    Task<IamGroup> CreateGroupAsync(string groupName, string? path, CancellationToken cancellationToken);

    Task<IamGroup> GetGroupAsync(string groupName, CancellationToken cancellationToken);

    IAsyncEnumerable<IamGroup> ListGroupsAsync(string? pathPrefix, CancellationToken cancellationToken);

    Task AddUserToGroupAsync(string groupName, string userName, CancellationToken cancellationToken);

    Task RemoveUserFromGroupAsync(string groupName, string userName, CancellationToken cancellationToken);

    IAsyncEnumerable<IamGroup> ListGroupsForUserAsync(string userName, CancellationToken cancellationToken);

    // Managed policies
    Task<ManagedPolicy> CreatePolicyAsync(CreatePolicyRequest request, CancellationToken cancellationToken);

    Task<ManagedPolicy> GetPolicyAsync(string policyArn, CancellationToken cancellationToken);

    Task<PolicyVersion> GetPolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken);

    Task<PolicyVersion> CreatePolicyVersionAsync(string policyArn, string policyDocument, bool setAsDefault, CancellationToken cancellationToken);

    /// <summary>Versions without their documents (IAM does not list them); read one with <see cref="GetPolicyVersionAsync"/>.</summary>
    IAsyncEnumerable<PolicyVersion> ListPolicyVersionsAsync(string policyArn, CancellationToken cancellationToken);

    Task DeletePolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken);

    /// <summary>Deletes a customer managed policy; IAM refuses (DeleteConflict) while it is attached or has non-default versions.</summary>
    Task DeletePolicyAsync(string policyArn, CancellationToken cancellationToken);

    Task AttachPolicyAsync(IdentityKind kind, string identityName, string policyArn, CancellationToken cancellationToken);

    Task DetachPolicyAsync(IdentityKind kind, string identityName, string policyArn, CancellationToken cancellationToken);

    IAsyncEnumerable<AttachedPolicy> ListAttachedPoliciesAsync(IdentityKind kind, string identityName, CancellationToken cancellationToken);

    // Inline policies
    Task PutInlinePolicyAsync(IdentityKind kind, string identityName, string policyName, string policyDocument, CancellationToken cancellationToken);

    Task<InlinePolicy> GetInlinePolicyAsync(IdentityKind kind, string identityName, string policyName, CancellationToken cancellationToken);

    Task DeleteInlinePolicyAsync(IdentityKind kind, string identityName, string policyName, CancellationToken cancellationToken);

    IAsyncEnumerable<string> ListInlinePolicyNamesAsync(IdentityKind kind, string identityName, CancellationToken cancellationToken);

    // Roles
    Task<IamRole> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken);

    Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken);

    Task UpdateAssumeRolePolicyAsync(string roleName, string policyDocument, CancellationToken cancellationToken);

    /// <summary>Changes a role's description and/or maximum session duration (seconds, 3600 to 43200); null leaves that setting as it is.</summary>
    Task UpdateRoleAsync(string roleName, string? description, int? maxSessionDuration, CancellationToken cancellationToken);

    Task TagRoleAsync(string roleName, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken);

    IAsyncEnumerable<IamRole> ListRolesAsync(string? pathPrefix, CancellationToken cancellationToken);

    /// <summary>IAM refuses (DeleteConflict) while the role is in an instance profile or has policies.</summary>
    Task DeleteRoleAsync(string roleName, CancellationToken cancellationToken);

    // Instance profiles
    Task<InstanceProfile> CreateInstanceProfileAsync(string instanceProfileName, string? path, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken);

    Task<InstanceProfile> GetInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken);

    Task AddRoleToInstanceProfileAsync(string instanceProfileName, string roleName, CancellationToken cancellationToken);

    IAsyncEnumerable<InstanceProfile> ListInstanceProfilesForRoleAsync(string roleName, CancellationToken cancellationToken);

    Task RemoveRoleFromInstanceProfileAsync(string instanceProfileName, string roleName, CancellationToken cancellationToken);

    Task DeleteInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken);

    // Account
    IAsyncEnumerable<string> ListAccountAliasesAsync(CancellationToken cancellationToken);

    Task CreateAccountAliasAsync(string accountAlias, CancellationToken cancellationToken);

    Task DeleteAccountAliasAsync(string accountAlias, CancellationToken cancellationToken);

    /// <summary>Fails with <see cref="FailureKind.ObjectNotFound"/> when the account has no password policy (IAM defaults apply).</summary>
    Task<PasswordPolicy> GetAccountPasswordPolicyAsync(CancellationToken cancellationToken);

    /// <summary>Sends every setting: IAM resets whatever an update leaves out.</summary>
    Task UpdateAccountPasswordPolicyAsync(PasswordPolicy policy, CancellationToken cancellationToken);

    /// <summary>IAM's SummaryMap: usage counts and quotas such as Users, UsersQuota, AccountMFAEnabled.</summary>
    Task<IReadOnlyDictionary<string, int>> GetAccountSummaryAsync(CancellationToken cancellationToken);

    // MFA
    Task<VirtualMfaDevice> CreateVirtualMfaDeviceAsync(string virtualMfaDeviceName, string? path, IReadOnlyList<IamTag> tags, CancellationToken cancellationToken);

    Task EnableMfaDeviceAsync(string userName, string serialNumber, string authenticationCode1, string authenticationCode2, CancellationToken cancellationToken);

    IAsyncEnumerable<MfaDevice> ListMfaDevicesAsync(string? userName, CancellationToken cancellationToken);

    Task DeactivateMfaDeviceAsync(string userName, string serialNumber, CancellationToken cancellationToken);

    Task DeleteVirtualMfaDeviceAsync(string serialNumber, CancellationToken cancellationToken);

    /// <summary>Serial numbers of the account's virtual MFA devices that no user has enabled (ListVirtualMFADevices, AssignmentStatus Unassigned).</summary>
    IAsyncEnumerable<string> ListUnassignedVirtualMfaDevicesAsync(CancellationToken cancellationToken);

    // Whole-account reads, simulation and reports
    Task<AccountAuthorizationDetails> GetAccountAuthorizationDetailsAsync(AuthorizationDetailsFilter filter, CancellationToken cancellationToken);

    IAsyncEnumerable<PolicySimulationResult> SimulatePrincipalPolicyAsync(SimulatePrincipalPolicyRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<PolicySimulationResult> SimulateCustomPolicyAsync(SimulateCustomPolicyRequest request, CancellationToken cancellationToken);

    Task<CredentialReportState> GenerateCredentialReportAsync(CancellationToken cancellationToken);

    /// <summary>Fails with ReportNotPresent/ReportExpired (ObjectNotFound) or ReportInProgress (ResourceUnavailable).</summary>
    Task<CredentialReport> GetCredentialReportAsync(CancellationToken cancellationToken);
}

namespace IamOps.Simulator.State;

// The account's whole state: plain mutable classes that System.Text.Json writes and reads as they are.
// Every instance is touched only under the account's lock.

/// <summary>Everything an account holds; the JSON state file is this object.</summary>
internal sealed class AccountState
{
    public string AccountId { get; set; } = string.Empty;

    public string? Alias { get; set; }

    /// <summary>Kept as the port's record; null when the account has none (IAM's defaults apply).</summary>
    public Aws.PasswordPolicy? PasswordPolicy { get; set; }

    public Dictionary<string, UserState> Users { get; set; } = NewIndex<UserState>();

    public Dictionary<string, GroupState> Groups { get; set; } = NewIndex<GroupState>();

    public Dictionary<string, RoleState> Roles { get; set; } = NewIndex<RoleState>();

    /// <summary>Customer managed policies by ARN; AWS managed ones live in the catalog.</summary>
    public Dictionary<string, PolicyState> Policies { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, InstanceProfileState> InstanceProfiles { get; set; } = NewIndex<InstanceProfileState>();

    /// <summary>Virtual MFA devices by serial number (ARN).</summary>
    public Dictionary<string, MfaDeviceState> MfaDevices { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, BucketState> Buckets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>EC2 instances by id (only what instance profile associations need).</summary>
    public Dictionary<string, InstanceState> Instances { get; set; } = new(StringComparer.Ordinal);

    /// <summary>STS sessions by their ASIA access key id.</summary>
    public Dictionary<string, SessionState> Sessions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Attachment counts of AWS managed policies, by ARN.</summary>
    public Dictionary<string, int> AwsPolicyAttachments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>OpenID Connect providers by ARN.</summary>
    public Dictionary<string, OidcProviderState> OidcProviders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>SAML providers by ARN.</summary>
    public Dictionary<string, SamlProviderState> SamlProviders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The key the sandbox signs web identity tokens with (made on first use), for any issuer URL.</summary>
    public TokenIssuerKeyState? TokenIssuerKey { get; set; }

    /// <summary>The key and certificate the sandbox signs SAML Responses with (made on first use), for any entity ID.</summary>
    public SamlSigningKeyState? SamlSigningKey { get; set; }

    /// <summary>When the credential report held in <see cref="CredentialReportContent"/> was generated.</summary>
    public DateTime? CredentialReportTime { get; set; }

    /// <summary>When a credential report generation still in progress was started; null when none is.</summary>
    public DateTime? CredentialReportStarted { get; set; }

    /// <summary>The CSV of the last complete credential report: a snapshot, as IAM's is.</summary>
    public string? CredentialReportContent { get; set; }

    /// <summary>Whether the root user has an MFA device (set by tests: the API cannot change root credentials).</summary>
    public bool RootMfaActive { get; set; }

    /// <summary>When each of the root user's access keys (at most two) was created; empty when it has none.</summary>
    public List<DateTime> RootAccessKeysCreated { get; set; } = new();

    /// <summary>Access Advisor report jobs (GenerateServiceLastAccessedDetails) by job id.</summary>
    public Dictionary<string, LastAccessedJobState> LastAccessedJobs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How far tests (or users) moved the account's clock ahead of its time source, in ticks: aging without waiting.</summary>
    public long ClockOffsetTicks { get; set; }

    public AccountQuotas Quotas { get; set; } = new();

    public static Dictionary<string, T> NewIndex<T>() => new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class TagState
{
    public string Key { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}

internal sealed class UserState
{
    public string Name { get; set; } = string.Empty;

    public string Id { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public DateTime CreateDate { get; set; }

    public string? PermissionsBoundaryArn { get; set; }

    public List<TagState> Tags { get; set; } = new();

    public LoginProfileState? LoginProfile { get; set; }

    public List<AccessKeyState> AccessKeys { get; set; } = new();

    /// <summary>Serial numbers of the MFA devices enabled for this user.</summary>
    public List<string> MfaSerials { get; set; } = new();

    public List<string> Groups { get; set; } = new();

    public List<string> AttachedPolicyArns { get; set; } = new();

    public Dictionary<string, string> InlinePolicies { get; set; } = new(StringComparer.Ordinal);

    public List<UserCredentialState> SigningCertificates { get; set; } = new();

    public List<UserCredentialState> SshPublicKeys { get; set; } = new();

    public List<UserCredentialState> ServiceSpecificCredentials { get; set; } = new();

    /// <summary>Access Advisor's data: the services (and tracked actions) this user called, by service namespace.</summary>
    public Dictionary<string, ServiceUseState> ServicesUsed { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A signing certificate, SSH public key or service-specific credential: an id, a status and what it is for.</summary>
internal sealed class UserCredentialState
{
    public string Id { get; set; } = string.Empty;

    public string Status { get; set; } = "Active";

    /// <summary>The certificate or key body, or for a service-specific credential its service name.</summary>
    public string Body { get; set; } = string.Empty;

    public DateTime CreateDate { get; set; }
}

internal sealed class LoginProfileState
{
    public DateTime CreateDate { get; set; }

    public bool PasswordResetRequired { get; set; }

    /// <summary>PBKDF2 hash, never the password.</summary>
    public string PasswordHash { get; set; } = string.Empty;

    public DateTime? PasswordLastChanged { get; set; }

    public DateTime? PasswordLastUsed { get; set; }
}

internal sealed class AccessKeyState
{
    public string AccessKeyId { get; set; } = string.Empty;

    /// <summary>Kept so that the endpoint can verify signatures made with it.</summary>
    public string SecretAccessKey { get; set; } = string.Empty;

    public string Status { get; set; } = "Active";

    public DateTime CreateDate { get; set; }

    public DateTime? LastUsedDate { get; set; }

    public string? LastUsedService { get; set; }

    public string? LastUsedRegion { get; set; }
}

internal sealed class GroupState
{
    public string Name { get; set; } = string.Empty;

    public string Id { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public DateTime CreateDate { get; set; }

    public List<string> AttachedPolicyArns { get; set; } = new();

    public Dictionary<string, string> InlinePolicies { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class RoleState
{
    public string Name { get; set; } = string.Empty;

    public string Id { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public DateTime CreateDate { get; set; }

    public string AssumeRolePolicyDocument { get; set; } = string.Empty;

    public string? Description { get; set; }

    public int MaxSessionDuration { get; set; } = 3600;

    public string? PermissionsBoundaryArn { get; set; }

    public List<TagState> Tags { get; set; } = new();

    public List<string> AttachedPolicyArns { get; set; } = new();

    public Dictionary<string, string> InlinePolicies { get; set; } = new(StringComparer.Ordinal);

    public DateTime? LastUsedDate { get; set; }

    public string? LastUsedRegion { get; set; }

    /// <summary>Access Advisor's data: the services (and tracked actions) this role's sessions called, by service namespace.</summary>
    public Dictionary<string, ServiceUseState> ServicesUsed { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>When a principal last called a service, where, and (for services IAM tracks per action) each action's last call.</summary>
internal sealed class ServiceUseState
{
    public DateTime LastAuthenticated { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>Action name (without the namespace) → last call, for the services IAM tracks per action.</summary>
    public Dictionary<string, DateTime> Actions { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class PolicyState
{
    public string Name { get; set; } = string.Empty;

    public string Id { get; set; } = string.Empty;

    public string Arn { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public string? Description { get; set; }

    public DateTime CreateDate { get; set; }

    public DateTime UpdateDate { get; set; }

    public string DefaultVersionId { get; set; } = "v1";

    /// <summary>The number the next version gets; IAM never reuses one.</summary>
    public int NextVersion { get; set; } = 2;

    public int AttachmentCount { get; set; }

    public int PermissionsBoundaryUsageCount { get; set; }

    public List<TagState> Tags { get; set; } = new();

    public List<PolicyVersionState> Versions { get; set; } = new();
}

internal sealed class PolicyVersionState
{
    public string VersionId { get; set; } = string.Empty;

    public string Document { get; set; } = string.Empty;

    public DateTime CreateDate { get; set; }
}

internal sealed class InstanceProfileState
{
    public string Name { get; set; } = string.Empty;

    public string Id { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public DateTime CreateDate { get; set; }

    public List<string> Roles { get; set; } = new();

    public List<TagState> Tags { get; set; } = new();
}

internal sealed class MfaDeviceState
{
    public string SerialNumber { get; set; } = string.Empty;

    /// <summary>A hardware TOTP token (serial number, no ARN): deactivated when its user leaves, never deleted through IAM.</summary>
    public bool Hardware { get; set; }

    public string Base32Seed { get; set; } = string.Empty;

    public DateTime CreateDate { get; set; }

    public List<TagState> Tags { get; set; } = new();

    public string? UserName { get; set; }

    public DateTime? EnableDate { get; set; }

    /// <summary>The last 30-second step whose code was accepted; a code is good once.</summary>
    public long LastUsedStep { get; set; }
}

internal sealed class BucketState
{
    public string Name { get; set; } = string.Empty;

    public string Region { get; set; } = "us-east-1";

    public string OwnerAccountId { get; set; } = string.Empty;
}

internal sealed class InstanceState
{
    public string InstanceId { get; set; } = string.Empty;

    public InstanceAssociationState? Association { get; set; }
}

internal sealed class InstanceAssociationState
{
    public string AssociationId { get; set; } = string.Empty;

    public string InstanceProfileName { get; set; } = string.Empty;

    public string InstanceProfileArn { get; set; } = string.Empty;

    public string InstanceProfileId { get; set; } = string.Empty;

    public DateTime Timestamp { get; set; }
}

internal sealed class SessionState
{
    public string AccessKeyId { get; set; } = string.Empty;

    public string SecretAccessKey { get; set; } = string.Empty;

    public string SessionToken { get; set; } = string.Empty;

    public DateTime Expiration { get; set; }

    public string RoleName { get; set; } = string.Empty;

    public string RoleId { get; set; } = string.Empty;

    /// <summary>Set for a user's GetSessionToken session (RoleName is then empty).</summary>
    public string? UserName { get; set; }

    public string SessionName { get; set; } = string.Empty;

    /// <summary>When STS issued the session: aws:TokenIssueTime, which a revoke-older-sessions deny compares.</summary>
    public DateTime IssuedAt { get; set; }

    public bool MultiFactorAuthPresent { get; set; }

    public string? SourceIdentity { get; set; }

    /// <summary>Tags that chained sessions inherit.</summary>
    public List<TagState> TransitiveTags { get; set; } = new();

    public List<TagState> Tags { get; set; } = new();

    public string? SessionPolicy { get; set; }

    public List<string> SessionPolicyArns { get; set; } = new();
}

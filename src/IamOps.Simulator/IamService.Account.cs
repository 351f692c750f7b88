using System.Globalization;
using System.Text;
using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

internal sealed partial class IamService
{
    // Aliases

    public IReadOnlyList<string> ListAccountAliases() => State.Alias is null ? Array.Empty<string>() : new[] { State.Alias };

    public void CreateAccountAlias(string alias)
    {
        IamNameRules.CheckAlias(alias);
        if (State.Alias is not null && State.Alias != alias)
        {
            throw ServiceError.LimitExceeded("Cannot exceed quota for AccountAliasesPerAccount: 1");
        }

        State.Alias = alias;
    }

    public void DeleteAccountAlias(string alias)
    {
        IamNameRules.CheckAlias(alias);
        if (State.Alias != alias)
        {
            throw ServiceError.NoSuchEntity($"The account alias {alias} cannot be found.");
        }

        State.Alias = null;
    }

    // Password policy

    public PasswordPolicy GetAccountPasswordPolicy()
    {
        var policy = State.PasswordPolicy ?? throw ServiceError.NoSuchEntity($"The Password Policy with domain name {AccountId} cannot be found.");
        return policy with { ExpirePasswords = policy.MaxPasswordAge is not null };
    }

    /// <summary>No partial update: whatever is left out returns to IAM's default.</summary>
    public void UpdateAccountPasswordPolicy(PasswordPolicy policy)
    {
        IamNameRules.CheckRange("minimumPasswordLength", policy.MinimumPasswordLength, 6, 128);
        if (policy.MaxPasswordAge is { } age)
        {
            IamNameRules.CheckRange("maxPasswordAge", age, 1, 1095);
        }

        if (policy.PasswordReusePrevention is { } reuse)
        {
            IamNameRules.CheckRange("passwordReusePrevention", reuse, 1, 24);
        }

        State.PasswordPolicy = policy with { ExpirePasswords = false };
    }

    public void DeleteAccountPasswordPolicy()
    {
        if (State.PasswordPolicy is null)
        {
            throw ServiceError.NoSuchEntity($"The Password Policy with domain name {AccountId} cannot be found.");
        }

        State.PasswordPolicy = null;
    }

    public IReadOnlyDictionary<string, int> GetAccountSummary()
    {
        var versionsInUse = State.Policies.Values.Sum(p => p.Versions.Count);
        return new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["Users"] = State.Users.Count,
            ["UsersQuota"] = State.Quotas.Users,
            ["Groups"] = State.Groups.Count,
            ["GroupsQuota"] = State.Quotas.Groups,
            ["GroupsPerUserQuota"] = IamQuotas.GroupsPerUser,
            ["Roles"] = State.Roles.Count,
            ["RolesQuota"] = State.Quotas.Roles,
            ["Policies"] = State.Policies.Count,
            ["PoliciesQuota"] = State.Quotas.Policies,
            ["PolicySizeQuota"] = IamQuotas.PolicySize,
            ["PolicyVersionsInUse"] = versionsInUse,
            ["PolicyVersionsInUseQuota"] = 10000,
            ["VersionsPerPolicyQuota"] = IamQuotas.VersionsPerPolicy,
            ["InstanceProfiles"] = State.InstanceProfiles.Count,
            ["InstanceProfilesQuota"] = State.Quotas.InstanceProfiles,
            ["AccessKeysPerUserQuota"] = IamQuotas.AccessKeysPerUser,
            ["AttachedPoliciesPerUserQuota"] = State.Quotas.ManagedPoliciesPerUser,
            ["AttachedPoliciesPerGroupQuota"] = IamQuotas.AttachedPoliciesPerGroup,
            ["AttachedPoliciesPerRoleQuota"] = State.Quotas.ManagedPoliciesPerRole,
            ["UserPolicySizeQuota"] = IamQuotas.UserPolicySize,
            ["GroupPolicySizeQuota"] = IamQuotas.GroupPolicySize,
            ["RolePolicySizeQuota"] = IamQuotas.RolePolicySize,
            ["AssumeRolePolicySizeQuota"] = State.Quotas.RoleTrustPolicySize,
            ["MFADevices"] = State.MfaDevices.Count,
            ["MFADevicesInUse"] = State.MfaDevices.Values.Count(d => d.UserName is not null),
            ["AccountMFAEnabled"] = State.RootMfaActive ? 1 : 0,
            ["AccountAccessKeysPresent"] = State.RootAccessKeysCreated.Count > 0 ? 1 : 0,
            ["AccountSigningCertificatesPresent"] = 0,
            ["SigningCertificatesPerUserQuota"] = 2,
            ["ServerCertificates"] = 0,
            ["ServerCertificatesQuota"] = 20,
            ["Providers"] = 0,
            ["GlobalEndpointTokenVersion"] = 1,
        };
    }

    // MFA

    public (VirtualMfaDevice Device, DateTime Created) CreateVirtualMfaDevice(string name, string? path, IReadOnlyList<IamTag> tags)
    {
        IamNameRules.CheckName("virtualMFADeviceName", name, 226);
        var checkedPath = IamNameRules.CheckPath(path);
        IamNameRules.CheckTags(tags);
        var serial = $"arn:aws:iam::{AccountId}:mfa{checkedPath}{name}";
        if (State.MfaDevices.ContainsKey(serial))
        {
            throw ServiceError.AlreadyExists("MFADevice entity at the same path and name already exists.");
        }

        // 40 random bytes: the 64-character Base32 seed IAM hands out.
        var device = new MfaDeviceState { SerialNumber = serial, Base32Seed = TimeBasedOneTimePassword.ToBase32(SecretGenerator.Bytes(40)), CreateDate = Now, Tags = ToState(tags) };
        State.MfaDevices[serial] = device;
        var png = PngWriter.Write(QrCodeEncoder.Encode(OtpAuthUri(device)));
        return (new VirtualMfaDevice { SerialNumber = serial, Base32StringSeed = device.Base32Seed, QrCodePng = png }, device.CreateDate);
    }

    /// <summary>A hardware TOTP token the account's people hold (IAM knows it by its serial number once it is enabled for a user).</summary>
    public MfaDeviceState AddHardwareMfaDevice(string serialNumber)
    {
        IamNameRules.CheckLength("serialNumber", serialNumber ?? throw ServiceError.Missing("serialNumber"), 9, 256);
        if (serialNumber.StartsWith("arn:", StringComparison.Ordinal) || State.MfaDevices.ContainsKey(serialNumber))
        {
            throw ServiceError.AlreadyExists($"MFA device {serialNumber} already exists or is not a hardware serial number.");
        }

        var device = new MfaDeviceState { SerialNumber = serialNumber, Hardware = true, Base32Seed = TimeBasedOneTimePassword.ToBase32(SecretGenerator.Bytes(20)), CreateDate = Now };
        State.MfaDevices[serialNumber] = device;
        return device;
    }

    /// <summary>What the device's QR code holds: otpauth://totp/Amazon Web Services:NAME@ALIAS-OR-ACCOUNT?secret=...</summary>
    public string OtpAuthUri(MfaDeviceState device) =>
        TimeBasedOneTimePassword.OtpAuthUri(device.Base32Seed, device.SerialNumber.Substring(device.SerialNumber.LastIndexOf('/') + 1), State.Alias ?? AccountId);

    public void EnableMfaDevice(string userName, string serialNumber, string code1, string code2)
    {
        var user = FindUser(userName);
        CheckCode("authenticationCode1", code1);
        CheckCode("authenticationCode2", code2);
        IamNameRules.CheckLength("serialNumber", serialNumber ?? throw ServiceError.Missing("serialNumber"), 9, 256);
        if (!State.MfaDevices.TryGetValue(serialNumber, out var device))
        {
            throw ServiceError.NoSuchEntity($"VirtualMFADevice with serial number {serialNumber} doesn't exist.");
        }

        if (device.UserName is not null)
        {
            throw ServiceError.AlreadyExists("MFA Device is already in use.");
        }

        if (user.MfaSerials.Count >= IamQuotas.MfaDevicesPerUser)
        {
            throw ServiceError.LimitExceeded($"Cannot exceed quota for MFADevicesPerUser: {IamQuotas.MfaDevicesPerUser}");
        }

        var key = TimeBasedOneTimePassword.FromBase32(device.Base32Seed);
        var current = TimeBasedOneTimePassword.StepAt(Now);

        // Two consecutive codes, the second no older than about five minutes.
        for (var second = current + 1; second >= current - 10; second--)
        {
            if (TimeBasedOneTimePassword.ComputeAtStep(key, second - 1) == code1 && TimeBasedOneTimePassword.ComputeAtStep(key, second) == code2)
            {
                device.UserName = user.Name;
                device.EnableDate = Now;
                device.LastUsedStep = second;
                user.MfaSerials.Add(serialNumber);
                return;
            }
        }

        throw new ServiceError("InvalidAuthenticationCode", 403, "Authentication code for device is not valid.");
    }

    public void DeactivateMfaDevice(string userName, string serialNumber)
    {
        var user = FindUser(userName);
        if (!user.MfaSerials.Remove(serialNumber))
        {
            throw ServiceError.NoSuchEntity($"MFA Device with serial number {serialNumber} does not exist.");
        }

        if (State.MfaDevices.TryGetValue(serialNumber, out var device))
        {
            device.UserName = null;
            device.EnableDate = null;
        }
    }

    public void DeleteVirtualMfaDevice(string serialNumber)
    {
        if (!State.MfaDevices.TryGetValue(serialNumber, out var device) || device.Hardware)
        {
            throw ServiceError.NoSuchEntity($"VirtualMFADevice with serial number {serialNumber} doesn't exist.");
        }

        if (device.UserName is not null)
        {
            throw ServiceError.DeleteConflict("MFA VirtualDevice in use. Must deactivate first.");
        }

        State.MfaDevices.Remove(serialNumber);
    }

    public IReadOnlyList<MfaDevice> ListMfaDevices(CallerPrincipal caller, string? userName)
    {
        var user = OwnUserOrNamed(caller, userName);
        return user.MfaSerials.Select(s => new MfaDevice { UserName = user.Name, SerialNumber = s, EnableDate = State.MfaDevices.TryGetValue(s, out var d) ? d.EnableDate ?? d.CreateDate : Now }).ToList();
    }

    /// <param name="assignmentStatus">Assigned, Unassigned, or Any (null): IAM's filter.</param>
    public IReadOnlyList<MfaDeviceState> ListVirtualMfaDevices(string? assignmentStatus = null)
    {
        var wanted = assignmentStatus ?? "Any";
        if (wanted is not ("Assigned" or "Unassigned" or "Any"))
        {
            throw ServiceError.Constraint("assignmentStatus", assignmentStatus, "Member must satisfy enum value set: [Assigned, Unassigned, Any]");
        }

        return State.MfaDevices.Values
            .Where(d => !d.Hardware)
            .Where(d => wanted == "Any" || (wanted == "Assigned") == (d.UserName is not null))
            .OrderBy(d => d.SerialNumber, StringComparer.Ordinal)
            .ToList();
    }

    // Whole-account reads

    public AccountAuthorizationDetails GetAccountAuthorizationDetails(AuthorizationDetailsFilter filter)
    {
        bool Wants(AuthorizationDetailsFilter f) => filter == AuthorizationDetailsFilter.All || (filter & f) != 0;
        IReadOnlyList<InlinePolicy> Inline(IdentityKind kind, string name, Dictionary<string, string> policies) =>
            policies.Select(p => new InlinePolicy { IdentityKind = kind, IdentityName = name, PolicyName = p.Key, PolicyDocument = p.Value }).ToList();
        IReadOnlyList<AttachedPolicy> Attached(List<string> arns) => arns.Select(a => new AttachedPolicy(FindPolicy(a).Name, a)).ToList();

        var policies = Enumerable.Empty<PolicyState>();
        if (Wants(AuthorizationDetailsFilter.AwsManagedPolicy))
        {
            policies = ManagedPolicyCatalog.All.Where(p => State.AwsPolicyAttachments.TryGetValue(p.Arn, out var n) && n > 0);
        }

        if (Wants(AuthorizationDetailsFilter.LocalManagedPolicy))
        {
            policies = policies.Concat(State.Policies.Values);
        }

        return new AccountAuthorizationDetails
        {
            Users = Wants(AuthorizationDetailsFilter.User)
                ? State.Users.Values.Select(u => new UserAuthorizationDetail { User = ToUser(u, full: true), GroupNames = u.Groups.ToList(), InlinePolicies = Inline(IdentityKind.User, u.Name, u.InlinePolicies), AttachedPolicies = Attached(u.AttachedPolicyArns) }).ToList()
                : Array.Empty<UserAuthorizationDetail>(),
            Groups = Wants(AuthorizationDetailsFilter.Group)
                ? State.Groups.Values.Select(g => new GroupAuthorizationDetail { Group = ToGroup(g), InlinePolicies = Inline(IdentityKind.Group, g.Name, g.InlinePolicies), AttachedPolicies = Attached(g.AttachedPolicyArns) }).ToList()
                : Array.Empty<GroupAuthorizationDetail>(),
            Roles = Wants(AuthorizationDetailsFilter.Role)
                ? State.Roles.Values.Select(r => new RoleAuthorizationDetail
                {
                    Role = ToRole(r, full: true),
                    InlinePolicies = Inline(IdentityKind.Role, r.Name, r.InlinePolicies),
                    AttachedPolicies = Attached(r.AttachedPolicyArns),
                    InstanceProfiles = State.InstanceProfiles.Values.Where(p => p.Roles.Contains(r.Name, StringComparer.OrdinalIgnoreCase)).Select(ToInstanceProfile).ToList(),
                }).ToList()
                : Array.Empty<RoleAuthorizationDetail>(),
            Policies = policies.Select(p => new ManagedPolicyDetail { Policy = ToPolicy(p), Versions = p.Versions.Select(v => ToVersion(p, v, withDocument: true)).ToList() }).ToList(),
        };
    }

    private static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static void CheckCode(string member, string? code)
    {
        if (code is null)
        {
            throw ServiceError.Missing(member);
        }

        if (code.Length != 6 || !code.All(char.IsDigit))
        {
            throw ServiceError.Constraint(member, code, @"Member must satisfy regular expression pattern: [\d]+");
        }
    }
}

using System.Globalization;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Planning;
using IamOps.Policies;
using IamOps.Secrets;

namespace IamOps.Baseline;

/// <summary>Reads the account and plans the baseline: one <see cref="ControlPlan"/> per control, changes only where needed.</summary>
public sealed class BaselinePlanner
{
    private const string AdministratorAccess = "AdministratorAccess";
    private readonly IAwsConnection _aws;

    public BaselinePlanner(IAwsConnection aws) => _aws = aws;

    /// <summary>Offline checks of a request: names, alias, codes. Throws before anything is read or written.</summary>
    public static void Validate(BaselineRequest request)
    {
        if (request.AccountAlias is not null)
        {
            IamNames.CheckAccountAlias(request.AccountAlias);
        }

        IamNames.CheckGroupName(request.AdminGroupName);
        foreach (var user in request.AdminUserNames)
        {
            IamNames.CheckUserName(user);
        }

        var duplicate = request.AdminUserNames.GroupBy(u => u, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new IamOpsException("AdminUserNameDuplicate", FailureKind.InvalidArgument,
                $"'{duplicate.Key}' is named more than once (IAM names are case-insensitive); name each admin once.", duplicate.Key);
        }

        if (request.MfaCodes.Count > 0)
        {
            if (request.MfaCodes.Count != 2 || request.MfaCodes.Any(c => c.Length != 6 || !c.All(char.IsDigit)))
            {
                throw new IamOpsException("MfaCodeInvalid", FailureKind.InvalidArgument,
                    "-MfaCode takes two consecutive 6-digit codes from the authenticator app, e.g. -MfaCode 123456, 654321.");
            }

            if (!request.EnableVirtualMfa || request.AdminUserNames.Count != 1)
            {
                throw new IamOpsException("MfaCodeWithoutDevice", FailureKind.InvalidArgument,
                    "-MfaCode enables the virtual MFA device of one admin: use it with -EnableVirtualMfa and a single -AdminUserName.");
            }
        }
    }

    public async Task<BaselinePlan> PlanAsync(BaselineRequest request, CancellationToken cancellationToken)
    {
        var account = await AccountContext.LoadAsync(_aws, cancellationToken).ConfigureAwait(false);
        var summary = await _aws.Iam.GetAccountSummaryAsync(cancellationToken).ConfigureAwait(false);
        var controls = new List<ControlPlan>
        {
            RootAccessKeys(summary),
            RootMfa(summary),
            new("2.7", "Avoid use of the root user", "IAM cannot tell whether the root credentials are stored safely.", Array.Empty<PlannedChange>(),
                "Store the root password and MFA device offline (e.g. a safe), use the root user only for tasks that require it, and sign in as an admin user instead."),
            new("Billing", "IAM access to billing information", "Only the root user can activate IAM access to the Billing console.", Array.Empty<PlannedChange>(),
                "Sign in as root, open Account settings and activate 'IAM user and role access to Billing information' if admins need it."),
        };

        if (request.AccountAlias is not null)
        {
            controls.Add(Alias(account, request));
        }

        var (passwordControl, effectivePolicy) = await PasswordPolicyAsync(request, cancellationToken).ConfigureAwait(false);
        controls.Add(passwordControl);
        controls.Add(await AdminGroupAsync(account, request, cancellationToken).ConfigureAwait(false));
        if (request.RequireMfa)
        {
            controls.Add(await MfaPolicyAsync(account, request, cancellationToken).ConfigureAwait(false));
        }

        var secrets = new List<AdminSecrets>();
        foreach (var user in request.AdminUserNames)
        {
            var userSecrets = new AdminSecrets(user);
            secrets.Add(userSecrets);
            controls.AddRange(await AdminUserAsync(account, user, request, effectivePolicy, userSecrets, cancellationToken).ConfigureAwait(false));
        }

        return new BaselinePlan(account, controls, secrets);
    }

    private static ControlPlan RootAccessKeys(IReadOnlyDictionary<string, int> summary) =>
        summary.TryGetValue("AccountAccessKeysPresent", out var keys) && keys > 0
            ? new("2.4", "No root user access keys", "The root user has access keys.", Array.Empty<PlannedChange>(),
                "Sign in as root, open Security credentials, and delete the root access keys (the API cannot).")
            : new("2.4", "No root user access keys", "The root user has no access keys.", Array.Empty<PlannedChange>());

    private static ControlPlan RootMfa(IReadOnlyDictionary<string, int> summary) =>
        summary.TryGetValue("AccountMFAEnabled", out var mfa) && mfa == 1
            ? new("2.5", "MFA for the root user", "The root user has MFA enabled.", Array.Empty<PlannedChange>())
            : new("2.5", "MFA for the root user", "The root user has no MFA device.", Array.Empty<PlannedChange>(),
                "Sign in as root, open Security credentials, and assign an MFA device (a hardware key is best, CIS 2.6); the API cannot do it for root.");

    private ControlPlan Alias(AccountContext account, BaselineRequest request)
    {
        const string title = "Account alias";
        var wanted = request.AccountAlias!;
        var current = account.Alias;
        if (string.Equals(current, wanted, StringComparison.Ordinal))
        {
            return new("Alias", title, $"The alias is '{wanted}'.", Array.Empty<PlannedChange>());
        }

        if (current is null)
        {
            return new("Alias", title, $"The account has no alias; '{wanted}' will be set.", new[]
            {
                new PlannedChange(ChangeKind.Create, "account alias " + wanted, "Create account alias", "the account has no alias", async ct =>
                {
                    await IamLookup.CreateOrKeepAsync(() => _aws.Iam.CreateAccountAliasAsync(wanted, ct)).ConfigureAwait(false);
                    account.UseAlias(wanted);
                }),
            });
        }

        if (!request.ReplaceAccountAlias)
        {
            return new("Alias", title, $"The alias is '{current}', not '{wanted}'; it was left alone.", Array.Empty<PlannedChange>(),
                $"Run again with -ReplaceAccountAlias to replace '{current}' (sign-in URLs and bookmarks with the old alias stop working), or keep '{current}'.");
        }

        return new("Alias", title, $"The alias '{current}' will be replaced by '{wanted}' (-ReplaceAccountAlias).", new[]
        {
            new PlannedChange(ChangeKind.Delete, "account alias " + current, "Delete account alias", $"-ReplaceAccountAlias replaces it with '{wanted}'",
                ct => _aws.Iam.DeleteAccountAliasAsync(current, ct), ChangeImpact.High),
            new PlannedChange(ChangeKind.Create, "account alias " + wanted, "Create account alias", "replaces the previous alias", async ct =>
            {
                await IamLookup.CreateOrKeepAsync(() => _aws.Iam.CreateAccountAliasAsync(wanted, ct)).ConfigureAwait(false);
                account.UseAlias(wanted);
            }, ChangeImpact.High),
        });
    }

    private async Task<(ControlPlan Control, PasswordPolicy Effective)> PasswordPolicyAsync(BaselineRequest request, CancellationToken cancellationToken)
    {
        var current = await IamLookup.FindAsync(() => _aws.Iam.GetAccountPasswordPolicyAsync(cancellationToken)).ConfigureAwait(false);
        var merge = PasswordPolicySettings.Merge(current, request.PasswordPolicy, request.AllowWeakerPasswordPolicy);
        var notes = new List<string>();
        if (merge.Kept.Count > 0)
        {
            notes.Add("Stricter existing settings kept (-AllowWeakerPasswordPolicy loosens them): " + string.Join("; ", merge.Kept) + ".");
        }

        if (merge.Weakened.Count > 0)
        {
            notes.Add("Weakened with -AllowWeakerPasswordPolicy: " + string.Join("; ", merge.Weakened) + ".");
        }

        const string title = "Password policy (CIS 2.8 length >= 14, 2.9 reuse prevention 24)";
        var summary = Describe(merge.Policy);
        if (PasswordPolicySettings.SameSettings(current, merge.Policy))
        {
            return (new("2.8", title, string.Join(" ", new[] { "The policy is " + summary + "." }.Concat(notes)), Array.Empty<PlannedChange>()), merge.Policy);
        }

        // IAM resets every setting an update leaves out, so the whole merged policy is always sent.
        var change = new PlannedChange(current is null ? ChangeKind.Create : ChangeKind.Update, "account password policy",
            current is null ? "Set" : "Update", current is null ? "the account has no password policy" : "settings differ",
            ct => _aws.Iam.UpdateAccountPasswordPolicyAsync(merge.Policy, ct), merge.Weakened.Count > 0 ? ChangeImpact.High : ChangeImpact.Medium);
        return (new("2.8", title, string.Join(" ", new[] { "Policy to set: " + summary + "." }.Concat(notes)), new[] { change })
        {
            DoneDetail = string.Join(" ", new[] { (current is null ? "Set the policy: " : "Updated the policy: ") + summary + "." }.Concat(notes)),
        }, merge.Policy);
    }

    private async Task<ControlPlan> AdminGroupAsync(AccountContext account, BaselineRequest request, CancellationToken cancellationToken)
    {
        var group = request.AdminGroupName;
        var policyArn = account.AwsManagedPolicyArn(AdministratorAccess);
        var existing = await IamLookup.FindAsync(() => _aws.Iam.GetGroupAsync(group, cancellationToken)).ConfigureAwait(false);
        var changes = new List<PlannedChange>();
        if (existing is null)
        {
            changes.Add(new PlannedChange(ChangeKind.Create, "group " + group, "Create group", "it does not exist",
                ct => IamLookup.CreateOrKeepAsync(() => _aws.Iam.CreateGroupAsync(group, null, ct))));
        }

        var attached = existing is null
            ? new List<AttachedPolicy>()
            : await IamLookup.ToListAsync(_aws.Iam.ListAttachedPoliciesAsync(IdentityKind.Group, group, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!attached.Any(p => p.PolicyArn == policyArn))
        {
            changes.Add(new PlannedChange(ChangeKind.Attach, "group " + group, "Attach AdministratorAccess to", "the group lacks it",
                ct => _aws.Iam.AttachPolicyAsync(IdentityKind.Group, group, policyArn, ct)));
        }

        var detail = changes.Count == 0 ? $"Group '{group}' has AdministratorAccess." : $"Group '{group}' {(existing is null ? "does not exist" : "lacks AdministratorAccess")}.";
        return new("2.13", $"Admins get permissions through group '{group}'", detail, changes);
    }

    private async Task<ControlPlan> MfaPolicyAsync(AccountContext account, BaselineRequest request, CancellationToken cancellationToken)
    {
        var group = request.AdminGroupName;
        var policyArn = account.PolicyArn(RequireMfaPolicy.Name);
        var changes = new List<PlannedChange>();
        var policy = await IamLookup.FindAsync(() => _aws.Iam.GetPolicyAsync(policyArn, cancellationToken)).ConfigureAwait(false);
        if (policy is null)
        {
            changes.Add(new PlannedChange(ChangeKind.Create, "policy " + RequireMfaPolicy.Name, "Create managed policy", "it does not exist",
                ct => IamLookup.CreateOrKeepAsync(() => _aws.Iam.CreatePolicyAsync(new CreatePolicyRequest { PolicyName = RequireMfaPolicy.Name, PolicyDocument = RequireMfaPolicy.Document, Description = RequireMfaPolicy.Description }, ct))));
        }
        else
        {
            var version = await _aws.Iam.GetPolicyVersionAsync(policyArn, policy.DefaultVersionId, cancellationToken).ConfigureAwait(false);
            if (!PolicyText.SameDocument(version.Document, RequireMfaPolicy.Document))
            {
                changes.Add(new PlannedChange(ChangeKind.Update, "policy " + RequireMfaPolicy.Name, "Create new default version of", "its document differs from IamOps' MFA policy",
                    ct => ManagedPolicyVersions.ReplaceDefaultAsync(_aws.Iam, policyArn, RequireMfaPolicy.Document, ct)));
            }
        }

        var groupExists = await IamLookup.FindAsync(() => _aws.Iam.GetGroupAsync(group, cancellationToken)).ConfigureAwait(false) is not null;
        var attached = groupExists
            ? await IamLookup.ToListAsync(_aws.Iam.ListAttachedPoliciesAsync(IdentityKind.Group, group, cancellationToken), cancellationToken).ConfigureAwait(false)
            : new List<AttachedPolicy>();
        if (!attached.Any(p => p.PolicyArn == policyArn))
        {
            changes.Add(new PlannedChange(ChangeKind.Attach, "group " + group, $"Attach {RequireMfaPolicy.Name} to", "MFA is not enforced for the group",
                ct => _aws.Iam.AttachPolicyAsync(IdentityKind.Group, group, policyArn, ct)));
        }

        var detail = changes.Count == 0
            ? $"'{RequireMfaPolicy.Name}' denies everything but MFA and password self-service without MFA, for group '{group}'."
            : $"MFA is not yet enforced for group '{group}' by '{RequireMfaPolicy.Name}'.";
        return new("2.10", "MFA enforced for console users (admins)", detail, changes);
    }

    private async Task<IEnumerable<ControlPlan>> AdminUserAsync(AccountContext account, string user, BaselineRequest request, PasswordPolicy effectivePolicy, AdminSecrets secrets, CancellationToken cancellationToken)
    {
        var existing = await IamLookup.FindAsync(() => _aws.Iam.GetUserAsync(user, cancellationToken)).ConfigureAwait(false);
        var changes = new List<PlannedChange>();
        var state = new List<string>();
        if (existing is null)
        {
            changes.Add(new PlannedChange(ChangeKind.Create, "user " + user, "Create user", "it does not exist",
                ct => IamLookup.CreateOrKeepAsync(() => _aws.Iam.CreateUserAsync(new CreateUserRequest { UserName = user }, ct))));
        }

        var groups = existing is null ? new List<IamGroup>() : await IamLookup.ToListAsync(_aws.Iam.ListGroupsForUserAsync(user, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!groups.Any(g => string.Equals(g.GroupName, request.AdminGroupName, StringComparison.OrdinalIgnoreCase)))
        {
            changes.Add(new PlannedChange(ChangeKind.Add, "user " + user, $"Add to group {request.AdminGroupName}:", "the user is not a member",
                ct => _aws.Iam.AddUserToGroupAsync(request.AdminGroupName, user, ct)));
        }

        var login = existing is null ? null : await IamLookup.FindAsync(() => _aws.Iam.GetLoginProfileAsync(user, cancellationToken)).ConfigureAwait(false);
        if (login is null)
        {
            changes.Add(new PlannedChange(ChangeKind.Create, "user " + user, "Create console password (change required at first sign-in) for", "the user has no console access",
                async ct =>
                {
                    var password = InitialPassword.Generate(effectivePolicy.MinimumPasswordLength);
                    await OneShotCalls.CreateLoginProfileAsync(_aws.Iam, user, password, passwordResetRequired: true, ct).ConfigureAwait(false);
                    secrets.Password = password;
                }) { ReturnsSecret = true });
        }
        else
        {
            state.Add("console access");
        }

        if (request.ProgrammaticAccess)
        {
            var keys = existing is null ? new List<AccessKeyMetadata>() : await IamLookup.ToListAsync(_aws.Iam.ListAccessKeysAsync(user, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (keys.Count == 0)
            {
                changes.Add(new PlannedChange(ChangeKind.Create, "user " + user, "Create access key for", "programmatic access was asked and the user has no key",
                    async ct => secrets.AccessKey = await OneShotCalls.CreateAccessKeyAsync(_aws.Iam, user, Array.Empty<string>(), ct).ConfigureAwait(false)) { ReturnsSecret = true });
            }
            else
            {
                state.Add(keys.Count.ToString(CultureInfo.InvariantCulture) + " access key(s)");
            }
        }

        var userControl = new ControlPlan("AdminUser", $"Admin user '{user}'",
            changes.Count == 0 ? $"'{user}' exists in '{request.AdminGroupName}'" + (state.Count > 0 ? " with " + string.Join(" and ", state) : string.Empty) + "." : $"'{user}' needs: {string.Join("; ", changes.Select(c => c.Description.TrimEnd(':', ' ').Replace(" for", string.Empty).Replace(" to", string.Empty)))}.",
            changes)
        { UserName = user };
        var mfaControl = await UserMfaAsync(user, existing is not null, request, secrets, account, cancellationToken).ConfigureAwait(false);
        return new[] { userControl, new ControlPlan(mfaControl.Control, mfaControl.Title, mfaControl.Detail, mfaControl.Changes, mfaControl.ManualFix) { UserName = user } };
    }

    private async Task<ControlPlan> UserMfaAsync(string user, bool userExists, BaselineRequest request, AdminSecrets secrets, AccountContext account, CancellationToken cancellationToken)
    {
        var title = MfaDeviceTitle(user);
        if (!request.EnableVirtualMfa)
        {
            var devices = userExists ? await IamLookup.ToListAsync(_aws.Iam.ListMfaDevicesAsync(user, cancellationToken), cancellationToken).ConfigureAwait(false) : new List<MfaDevice>();
            return devices.Count > 0
                ? new("2.10", title, $"'{user}' has MFA ({devices[0].SerialNumber}).", Array.Empty<PlannedChange>())
                : new("2.10", title, $"'{user}' has no MFA device yet.", Array.Empty<PlannedChange>(),
                    $"'{user}' signs in, changes the password and assigns an MFA device (Security credentials page); or run again with -EnableVirtualMfa.");
        }

        var setup = await VirtualMfaSetup.PlanAsync(_aws.Iam, user, userExists, request.MfaCodes, account, device => secrets.MfaDevice = device, () => secrets.MfaEnabled = true, cancellationToken).ConfigureAwait(false);
        var serial = setup.SerialNumber;
        if (setup.EnabledSerial is not null)
        {
            return new("2.10", title, $"'{user}' has MFA ({setup.EnabledSerial}).", Array.Empty<PlannedChange>());
        }

        if (setup.Waiting)
        {
            // An earlier run created the device and showed its seed; a later run cannot show it again, so it does not create one.
            return new("2.10", title, $"'{user}' has a virtual MFA device ({serial}) that is not enabled yet" + (request.MfaCodes.Count == 2 ? "; it will be enabled." : "."), setup.Changes,
                request.MfaCodes.Count == 2 ? null : $"Enable it with -EnableVirtualMfa -MfaCode <code1>,<code2> from the authenticator app it was added to. If no app has it (its seed is shown only by the run that created it), delete it with 'aws iam delete-virtual-mfa-device --serial-number {serial}' and run again for a new one.");
        }

        return new("2.10", title, $"'{user}' has no MFA device assigned; a virtual one will be created" + (request.MfaCodes.Count == 2 ? " and enabled." : "; enable it with two codes (-MfaCode)."), setup.Changes,
            request.MfaCodes.Count == 2 ? null : $"Add the device to an authenticator app (MfaOtpAuthUri of the credential object), then run again with -EnableVirtualMfa -MfaCode <code1>,<code2> or enable it in the console.");
    }

    /// <summary>The title of a user's MFA device control, by which a later enable (e.g. after a prompt) finds it.</summary>
    internal static string MfaDeviceTitle(string user) => $"MFA device for '{user}' (CIS 2.10)";

    private static string Describe(PasswordPolicy p)
    {
        var parts = new List<string> { $"length >= {p.MinimumPasswordLength}" };
        var classes = new[] { (p.RequireUppercaseCharacters, "upper"), (p.RequireLowercaseCharacters, "lower"), (p.RequireNumbers, "digit"), (p.RequireSymbols, "symbol") }
            .Where(c => c.Item1).Select(c => c.Item2).ToList();
        if (classes.Count > 0)
        {
            parts.Add(string.Join("/", classes) + " required");
        }

        parts.Add(p.PasswordReusePrevention is int reuse ? $"reuse prevention {reuse}" : "no reuse prevention");
        parts.Add(p.MaxPasswordAge is int age ? $"max age {age} days" : "no expiry");
        parts.Add(p.AllowUsersToChangePassword ? "users may change their password" : "users may not change their password");
        if (p.HardExpiry)
        {
            parts.Add("hard expiry");
        }

        return string.Join(", ", parts);
    }
}

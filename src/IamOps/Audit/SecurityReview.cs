using IamOps.Aws;
using IamOps.Policy;

namespace IamOps.Audit;

/// <summary>
/// The checks of Get-IamSecurityReport over what two calls return: the credential report (root, MFA, keys, passwords)
/// and GetAccountAuthorizationDetails (users' policies, roles' trust and last use). Pure: no call, no clock.
/// </summary>
public static class SecurityReview
{
    private const string ServiceLinkedRolePath = "/aws-service-role/";

    public static SecurityReport Review(IReadOnlyList<CredentialReportEntry> entries, AccountAuthorizationDetails details, SecurityReportRequest request, DateTime now)
    {
        SecurityReportRequest.Validate(request);
        var findings = new List<SecurityFinding>();
        var accountId = AccountIdOf(entries, details);
        foreach (var entry in entries)
        {
            if (entry.IsRoot)
            {
                CheckRoot(entry, findings);
            }
            else
            {
                CheckUserCredentials(entry, request, findings);
            }
        }

        // Each managed policy is read once, however many users it is attached to.
        var managed = details.Policies.ToDictionary(
            p => p.Policy.Arn,
            p => p.Versions.FirstOrDefault(v => v.IsDefaultVersion)?.Document is { } document && GrantsEverything(document),
            StringComparer.Ordinal);
        foreach (var user in details.Users)
        {
            CheckUserPolicies(user, managed, request, findings);
        }

        foreach (var role in details.Roles.Select(r => r.Role))
        {
            CheckRoleTrust(role, accountId, findings);
            CheckRoleUse(role, accountId, request, now, findings);
        }

        return new SecurityReport
        {
            AccountId = accountId,
            CredentialReportTime = entries.Count > 0 ? entries[0].ReportTime : now,
            ReviewTime = now,
            Request = request,
            UserCount = entries.Count(e => !e.IsRoot),
            RoleCount = details.Roles.Count,
            Findings = findings
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.Check)
                .ThenBy(f => f.ResourceName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(f => f.Message, StringComparer.Ordinal)
                .ToList(),
        };
    }

    /// <summary>True when an Allow statement grants Action "*" on Resource "*" (full administrator access).</summary>
    public static bool GrantsEverything(string policyDocument) =>
        PolicyDocument.Parse(policyDocument).Statements.Any(s => s.IsAllow && Has(s.Action, "*") && Has(s.Resource, "*"));

    private static void CheckRoot(CredentialReportEntry root, List<SecurityFinding> findings)
    {
        if (!root.MfaActive)
        {
            findings.Add(Finding(SecurityCheck.RootMfa, SecuritySeverity.Critical, "Root", root.UserName, root.Arn,
                "The root user has no MFA device: anyone with its password controls the whole account.",
                "By hand (no API can): sign in as root, Security credentials, assign an MFA device (CIS 2.5)."));
        }

        var keys = root.AccessKeys;
        if (keys.Count > 0)
        {
            var active = keys.Count(k => k.Active);
            findings.Add(Finding(SecurityCheck.RootAccessKey, SecuritySeverity.Critical, "Root", root.UserName, root.Arn,
                $"The root user has {keys.Count} access key(s) ({active} active): a leaked root key cannot be limited by any policy.",
                "By hand (no API can): sign in as root, Security credentials, delete the access keys (CIS 2.4)."));
        }
    }

    private static void CheckUserCredentials(CredentialReportEntry user, SecurityReportRequest request, List<SecurityFinding> findings)
    {
        var name = user.UserName;
        if (user.PasswordEnabled == true && !user.MfaActive)
        {
            findings.Add(Finding(SecurityCheck.UserMfa, SecuritySeverity.High, "User", name, user.Arn,
                $"User {name} can sign in to the console without MFA.",
                $"Add-IamDeveloper -UserName {name} -EnableVirtualMfa"));
        }

        var stale = $"Disable-IamStaleCredential -UserName {name} -Days {request.Days}";
        if (user.PasswordEnabled == true)
        {
            if (user.PasswordLastUsedDays is { } used && used >= request.Days)
            {
                findings.Add(Finding(SecurityCheck.PasswordUnused, SecuritySeverity.Medium, "Password", name, user.Arn,
                    $"User {name}'s console password was last used {used} days ago.", stale));
            }
            else if (user.PasswordLastUsedDays is null && (user.PasswordAgeDays ?? user.UserAgeDays) is { } age && age >= request.Days)
            {
                findings.Add(Finding(SecurityCheck.PasswordUnused, SecuritySeverity.Medium, "Password", name, user.Arn,
                    $"User {name}'s console password has never been used in the {age} days since it was set.", stale));
            }
        }

        foreach (var key in user.AccessKeys.Where(k => k.Active))
        {
            if (key.LastUsedDays is { } used && used >= request.Days)
            {
                findings.Add(Finding(SecurityCheck.AccessKeyUnused, SecuritySeverity.Medium, "AccessKey", name, user.Arn,
                    $"User {name}'s access key {key.Number} ({key.AgeDays} days old) was last used {used} days ago.", stale));
            }
            else if (key.LastUsedDays is null && key.AgeDays is { } age && age >= request.Days)
            {
                findings.Add(Finding(SecurityCheck.AccessKeyUnused, SecuritySeverity.Medium, "AccessKey", name, user.Arn,
                    $"User {name}'s access key {key.Number} has never been used in the {age} days since it was created.", stale));
            }

            if (key.AgeDays is { } keyAge && keyAge >= request.MaxKeyAge)
            {
                findings.Add(Finding(SecurityCheck.AccessKeyOld, SecuritySeverity.Medium, "AccessKey", name, user.Arn,
                    $"User {name}'s access key {key.Number} is {keyAge} days old (rotate every {request.MaxKeyAge} days).",
                    $"Disable-IamStaleCredential -UserName {name} -MaxKeyAge {request.MaxKeyAge}"));
            }
        }
    }

    private static void CheckUserPolicies(UserAuthorizationDetail detail, IReadOnlyDictionary<string, bool> managed, SecurityReportRequest request, List<SecurityFinding> findings)
    {
        var user = detail.User;
        var leastPrivilege = $"New-IamLeastPrivilegePolicy -UserName {user.UserName} -Days {request.Days}";
        foreach (var inline in detail.InlinePolicies)
        {
            findings.Add(Finding(SecurityCheck.UserInlinePolicy, SecuritySeverity.Low, "Policy", user.UserName, user.Arn,
                $"User {user.UserName} has the inline policy '{inline.PolicyName}': grant permissions through groups and managed policies.",
                $"Remove-IAMUserPolicy -UserName {user.UserName} -PolicyName {inline.PolicyName} (AWS.Tools), after granting what it allows through a group"));
            if (GrantsEverything(inline.PolicyDocument))
            {
                findings.Add(Finding(SecurityCheck.UserAdminPolicy, SecuritySeverity.High, "Policy", user.UserName, user.Arn,
                    $"User {user.UserName}'s inline policy '{inline.PolicyName}' allows every action on every resource.", leastPrivilege));
            }
        }

        foreach (var attached in detail.AttachedPolicies)
        {
            if (managed.TryGetValue(attached.PolicyArn, out var everything) && everything)
            {
                findings.Add(Finding(SecurityCheck.UserAdminPolicy, SecuritySeverity.High, "Policy", user.UserName, user.Arn,
                    $"User {user.UserName} has '{attached.PolicyName}' attached directly, which allows every action on every resource; administrators belong in the administrators group.",
                    leastPrivilege));
            }
        }
    }

    private static void CheckRoleTrust(IamRole role, string accountId, List<SecurityFinding> findings)
    {
        var trust = PolicyDocument.Parse(role.AssumeRolePolicyDocument ?? string.Empty);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in trust.Statements.Where(s => s.IsAllow && AllowsAssumeRole(s)))
        {
            if (statement.Conditions.Any(c => string.Equals(c.Key, "sts:ExternalId", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var principals = statement.Principal is null ? Enumerable.Empty<string>()
                : statement.Principal.IsWildcard ? new[] { "*" }
                : statement.Principal.Entries.Where(e => e.Type == "AWS").SelectMany(e => e.Values).Select(v => v.Text);
            foreach (var principal in principals)
            {
                var account = TrustedAccount(principal);
                if (account is null || account == accountId || !reported.Add(account))
                {
                    continue;
                }

                var everyone = account == "*";
                findings.Add(Finding(SecurityCheck.RoleTrustWithoutExternalId, everyone ? SecuritySeverity.Critical : SecuritySeverity.High, "Role", role.RoleName, role.Arn,
                    everyone
                        ? $"Role {role.RoleName} trusts every AWS account (Principal \"*\") without an sts:ExternalId condition."
                        : $"Role {role.RoleName} trusts account {account} ({principal}) without an sts:ExternalId condition (the confused-deputy problem).",
                    // IamOps never loosens or removes a trust statement it did not write: the grant adds the conditioned
                    // statement, and the unconditioned one goes by hand (or the role goes, when nobody needs it).
                    $"Grant-IamRoleAssume -RoleName {role.RoleName} -AccountId {(everyone ? "<account>" : account)} -ExternalId <id>; then remove the old statement by hand (Update-IAMAssumeRolePolicy)"));
            }
        }
    }

    private static void CheckRoleUse(IamRole role, string accountId, SecurityReportRequest request, DateTime now, List<SecurityFinding> findings)
    {
        if (role.Path.StartsWith(ServiceLinkedRolePath, StringComparison.Ordinal))
        {
            return;
        }

        var fix = DeleteRoleCommand(role, accountId);
        if (role.LastUsedDate is { } lastUsed)
        {
            var days = CredentialReportParser.Days(lastUsed, now)!.Value;
            if (days >= request.Days)
            {
                findings.Add(Finding(SecurityCheck.RoleUnused, SecuritySeverity.Low, "Role", role.RoleName, role.Arn,
                    $"Role {role.RoleName} was last used {days} days ago.", fix));
            }
        }
        else if (CredentialReportParser.Days(role.CreateDate, now) is { } age && age >= request.Days)
        {
            findings.Add(Finding(SecurityCheck.RoleNeverUsed, SecuritySeverity.Low, "Role", role.RoleName, role.Arn,
                $"Role {role.RoleName} has never been used in the {age} days since it was created.", fix));
        }
    }

    /// <summary>
    /// Revoke-IamRoleAssume deletes a role only once nothing else trusts it: the command revokes the other accounts and
    /// services it trusts first (services in a command of their own, as they are another parameter set).
    /// </summary>
    private static string DeleteRoleCommand(IamRole role, string accountId)
    {
        var statements = PolicyDocument.Parse(role.AssumeRolePolicyDocument ?? string.Empty).Statements.Where(s => s.IsAllow && s.Principal is not null).ToList();
        string[] Principals(string type) => statements.SelectMany(s => s.Principal!.Entries.Where(e => e.Type == type).SelectMany(e => e.Values)).Select(v => v.Text).ToArray();
        var accounts = Principals("AWS").Select(TrustedAccount).Where(a => a is not null && a != "*" && a != accountId).Distinct(StringComparer.Ordinal).ToList();
        var services = Principals("Service").Distinct(StringComparer.Ordinal).ToList();
        var command = $"Revoke-IamRoleAssume -RoleName {role.RoleName}";
        var deleteServices = $"{command} -Service {string.Join(",", services)}";
        return (accounts.Count, services.Count) switch
        {
            (0, 0) => $"{command} -DeleteRole",
            (0, _) => $"{deleteServices} -DeleteRole",
            (_, 0) => $"{command} -AccountId {string.Join(",", accounts)} -DeleteRole",
            _ => $"{deleteServices}; {command} -AccountId {string.Join(",", accounts)} -DeleteRole",
        };
    }

    /// <summary>The account an AWS principal of a trust policy belongs to: "*" for everyone, null when it names none.</summary>
    private static string? TrustedAccount(string principal)
    {
        if (principal == "*")
        {
            return "*";
        }

        if (principal.Length == 12 && principal.All(char.IsDigit))
        {
            return principal;
        }

        var parts = principal.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[4].Length > 0 ? parts[4] : null;
    }

    private static bool AllowsAssumeRole(PolicyStatement statement) =>
        statement.Action is { } actions && actions.Any(a => Matches(a.Text, "sts:AssumeRole"));

    /// <summary>IAM's action matching for the one action a trust policy is about: case-insensitive, * and ? as wildcards.</summary>
    private static bool Matches(string pattern, string action) =>
        System.Text.RegularExpressions.Regex.IsMatch(action, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static bool Has(PolicyValueList? values, string text) => values is not null && values.Any(v => v.Text == text);

    private static string AccountIdOf(IReadOnlyList<CredentialReportEntry> entries, AccountAuthorizationDetails details)
    {
        var arn = entries.FirstOrDefault(e => e.IsRoot)?.Arn ?? entries.FirstOrDefault()?.Arn ?? details.Roles.FirstOrDefault()?.Role.Arn ?? details.Users.FirstOrDefault()?.User.Arn ?? string.Empty;
        var parts = arn.Split(':');
        return parts.Length >= 6 ? parts[4] : string.Empty;
    }

    private static SecurityFinding Finding(SecurityCheck check, SecuritySeverity severity, string type, string name, string arn, string message, string fix) => new()
    {
        Check = check,
        Severity = severity,
        ResourceType = type,
        ResourceName = name,
        Resource = arn,
        Message = message,
        Fix = fix,
    };
}

namespace IamOps.Simulator;

/// <summary>
/// The resource ARN an IAM action is authorized against, from the call's parameters (Query names: UserName, GroupName,
/// RoleName, PolicyArn, ...), as the IAM service authorization reference lists them; account-wide actions use <c>*</c>.
/// </summary>
internal static class IamResources
{
    public static Permission For(SimulatedAccount account, CallerPrincipal caller, string action, Func<string, string?> parameter)
    {
        var state = account.State;
        var prefix = $"arn:aws:iam::{account.AccountId}:";
        string Named(string kind, string? name, string? path, string? existingPath) =>
            name is null ? "*" : prefix + kind + (existingPath ?? path ?? "/") + name;
        string User(string? name) =>
            name is null
                ? caller.User is not null ? caller.Arn : "*"
                : Named("user", name, parameter("Path"), state.Users.TryGetValue(name, out var u) ? u.Path : null);
        string Group(string? name) => Named("group", name, parameter("Path"), name is not null && state.Groups.TryGetValue(name, out var g) ? g.Path : null);
        string Role(string? name) => Named("role", name, parameter("Path"), name is not null && state.Roles.TryGetValue(name, out var r) ? r.Path : null);
        string Profile(string? name) => Named("instance-profile", name, parameter("Path"), name is not null && state.InstanceProfiles.TryGetValue(name, out var p) ? p.Path : null);

        var resource = action switch
        {
            _ when action.EndsWith("UserPolicy", StringComparison.Ordinal) || action == "ListUserPolicies" || action == "ListAttachedUserPolicies" => User(parameter("UserName")),
            _ when action.EndsWith("GroupPolicy", StringComparison.Ordinal) || action == "ListGroupPolicies" || action == "ListAttachedGroupPolicies" => Group(parameter("GroupName")),
            _ when action.EndsWith("RolePolicy", StringComparison.Ordinal) || action == "ListRolePolicies" || action == "ListAttachedRolePolicies" || action == "UpdateAssumeRolePolicy" => Role(parameter("RoleName")),
            "AddUserToGroup" or "RemoveUserFromGroup" or "CreateGroup" or "GetGroup" or "DeleteGroup" => Group(parameter("GroupName")),
            "CreateInstanceProfile" or "GetInstanceProfile" or "DeleteInstanceProfile" or "AddRoleToInstanceProfile" or "RemoveRoleFromInstanceProfile" => Profile(parameter("InstanceProfileName")),
            "SimulatePrincipalPolicy" => parameter("PolicySourceArn") ?? "*",
            "SimulateCustomPolicy" => "*",
            "GenerateServiceLastAccessedDetails" => parameter("Arn") ?? "*",
            "GetServiceLastAccessedDetails" => "*",
            "CreatePolicy" => parameter("PolicyName") is { } policyName ? prefix + "policy" + (parameter("Path") ?? "/") + policyName : "*",
            _ when parameter("PolicyArn") is { } policyArn => policyArn,
            "CreateVirtualMFADevice" => parameter("VirtualMFADeviceName") is { } device ? prefix + "mfa" + (parameter("Path") ?? "/") + device : "*",
            "DeleteVirtualMFADevice" => parameter("SerialNumber") ?? "*",
            _ when parameter("OpenIDConnectProviderArn") is { } oidcArn => oidcArn,
            _ when parameter("SAMLProviderArn") is { } samlArn => samlArn,
            "CreateOpenIDConnectProvider" => parameter("Url") is { } url ? prefix + "oidc-provider/" + System.Text.RegularExpressions.Regex.Replace(url, "^https://", string.Empty).TrimEnd('/') : "*",
            "CreateSAMLProvider" => parameter("Name") is { } samlName ? prefix + "saml-provider/" + samlName : "*",
            "ListOpenIDConnectProviders" or "ListSAMLProviders" => "*",
            _ when parameter("RoleName") is { } roleName => Role(roleName),
            "ListUsers" or "ListRoles" or "ListGroups" or "ListPolicies" or "ListVirtualMFADevices" or "ListAccountAliases" or "CreateAccountAlias" or "DeleteAccountAlias"
                or "GetAccountSummary" or "GetAccountPasswordPolicy" or "UpdateAccountPasswordPolicy" or "DeleteAccountPasswordPolicy" or "GetAccountAuthorizationDetails"
                or "GenerateCredentialReport" or "GetCredentialReport" or "GetAccessKeyLastUsed" => "*",
            _ => User(parameter("UserName")),
        };
        // Putting a role in an instance profile hands it to EC2: IAM also checks iam:PassRole on the role.
        var passRole = action == "AddRoleToInstanceProfile" ? new Permission("iam:PassRole", Role(parameter("RoleName"))) : null;
        return new Permission("iam:" + action, resource, passRole, TagKeys(parameter));
    }

    /// <summary>aws:RequestTag/KEY and aws:TagKeys for calls that set tags, aws:TagKeys for calls that remove them.</summary>
    private static Dictionary<string, IReadOnlyList<string>>? TagKeys(Func<string, string?> parameter)
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        for (var i = 1; parameter($"Tags.member.{i}.Key") is { } key; i++)
        {
            keys["aws:RequestTag/" + key] = new[] { parameter($"Tags.member.{i}.Value") ?? string.Empty };
            names.Add(key);
        }

        for (var i = 1; parameter($"TagKeys.member.{i}") is { } removed; i++)
        {
            names.Add(removed);
        }

        if (names.Count == 0)
        {
            return null;
        }

        keys["aws:TagKeys"] = names;
        return keys;
    }

    /// <summary>For in-process calls: the same parameters the Query protocol would carry.</summary>
    public static Func<string, string?> Parameters(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    /// <summary>Tags as the Query protocol lists them (Tags.member.N.Key / .Value).</summary>
    public static IEnumerable<(string Name, string? Value)> Tags(IEnumerable<Aws.IamTag> tags) =>
        tags.SelectMany((t, i) => new[] { ($"Tags.member.{i + 1}.Key", (string?)t.Key), ($"Tags.member.{i + 1}.Value", (string?)t.Value) });

    /// <summary>Tag keys as the Query protocol lists them (TagKeys.member.N).</summary>
    public static IEnumerable<(string Name, string? Value)> TagKeys(IEnumerable<string> keys) =>
        keys.Select((k, i) => ($"TagKeys.member.{i + 1}", (string?)k));
}

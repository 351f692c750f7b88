using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace IamOps.Aws;

/// <summary>
/// IAM's XML shapes turned into our port types. Elements are matched by local name; policy documents are
/// URL-decoded (IAM returns them RFC 3986-encoded); a malformed value is an <see cref="XmlException"/>.
/// </summary>
internal static class IamXml
{
    public static XElement? Child(this XElement? parent, string name)
    {
        if (parent is null)
        {
            return null;
        }

        foreach (var element in parent.Elements())
        {
            if (element.Name.LocalName == name)
            {
                return element;
            }
        }

        return null;
    }

    public static string? Text(this XElement? parent, string name) => parent.Child(name)?.Value;

    public static string Required(this XElement? parent, string name) => parent.Text(name) ?? string.Empty;

    public static IEnumerable<XElement> Members(this XElement? parent, string listName) =>
        parent.Child(listName)?.Elements().Where(e => e.Name.LocalName == "member") ?? Enumerable.Empty<XElement>();

    public static IReadOnlyList<string> Strings(this XElement? parent, string listName) => parent.Members(listName).Select(m => m.Value).ToList();

    public static DateTime Date(this XElement? parent, string name) => OptionalDate(parent, name) ?? default;

    public static DateTime? OptionalDate(this XElement? parent, string name)
    {
        var text = parent.Text(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new XmlException($"<{name}> holds '{text}', which is not a date.");
    }

    public static bool Bool(this XElement? parent, string name) => OptionalBool(parent, name) ?? false;

    public static bool? OptionalBool(this XElement? parent, string name)
    {
        var text = parent.Text(name);
        return string.IsNullOrEmpty(text) ? null : string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
    }

    public static int Int(this XElement? parent, string name) => OptionalInt(parent, name) ?? 0;

    public static int? OptionalInt(this XElement? parent, string name)
    {
        var text = parent.Text(name);
        return string.IsNullOrEmpty(text) ? null : ParseInt(text!, name);
    }

    public static int ParseInt(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new XmlException($"<{name}> holds '{text}', which is not a whole number.");

    /// <summary>A policy document as IAM returns it, URL-decoded to its JSON text.</summary>
    public static string Policy(this XElement? parent, string name)
    {
        var text = parent.Text(name);
        return string.IsNullOrEmpty(text) ? string.Empty : Uri.UnescapeDataString(text);
    }

    /// <summary>A base64 blob (credential report, MFA seed) as its bytes.</summary>
    public static byte[] Blob(this XElement? parent, string name)
    {
        var text = parent.Text(name);
        if (string.IsNullOrEmpty(text))
        {
            return Array.Empty<byte>();
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException ex)
        {
            throw new XmlException($"<{name}> is not base64.", ex);
        }
    }

    public static IReadOnlyList<IamTag> Tags(this XElement? parent) =>
        parent.Members("Tags").Select(m => new IamTag(m.Required("Key"), m.Required("Value"))).ToList();

    public static string? BoundaryArn(this XElement? parent) => parent.Child("PermissionsBoundary").Text("PermissionsBoundaryArn");

    public static IamUser User(XElement? e) => new()
    {
        UserName = e.Required("UserName"),
        UserId = e.Required("UserId"),
        Arn = e.Required("Arn"),
        Path = e.Text("Path") ?? "/",
        CreateDate = e.Date("CreateDate"),
        PasswordLastUsed = e.OptionalDate("PasswordLastUsed"),
        PermissionsBoundaryArn = e.BoundaryArn(),
        Tags = e.Tags(),
    };

    public static IamGroup Group(XElement? e) => new()
    {
        GroupName = e.Required("GroupName"),
        GroupId = e.Required("GroupId"),
        Arn = e.Required("Arn"),
        Path = e.Text("Path") ?? "/",
        CreateDate = e.Date("CreateDate"),
    };

    public static IamRole Role(XElement? e)
    {
        var lastUsed = e.Child("RoleLastUsed");
        return new IamRole
        {
            RoleName = e.Required("RoleName"),
            RoleId = e.Required("RoleId"),
            Arn = e.Required("Arn"),
            Path = e.Text("Path") ?? "/",
            CreateDate = e.Date("CreateDate"),
            AssumeRolePolicyDocument = e.Policy("AssumeRolePolicyDocument"),
            Description = e.Text("Description"),
            MaxSessionDuration = e.OptionalInt("MaxSessionDuration") ?? 3600,
            PermissionsBoundaryArn = e.BoundaryArn(),
            Tags = e.Tags(),
            LastUsedDate = lastUsed.OptionalDate("LastUsedDate"),
            LastUsedRegion = lastUsed.Text("Region"),
        };
    }

    public static InstanceProfile InstanceProfile(XElement? e) => new()
    {
        InstanceProfileName = e.Required("InstanceProfileName"),
        InstanceProfileId = e.Required("InstanceProfileId"),
        Arn = e.Required("Arn"),
        Path = e.Text("Path") ?? "/",
        CreateDate = e.Date("CreateDate"),
        Roles = e.Members("Roles").Select(Role).ToList(),
        Tags = e.Tags(),
    };

    public static ManagedPolicy ManagedPolicy(XElement? e) => new()
    {
        PolicyName = e.Required("PolicyName"),
        PolicyId = e.Required("PolicyId"),
        Arn = e.Required("Arn"),
        Path = e.Text("Path") ?? "/",
        DefaultVersionId = e.Required("DefaultVersionId"),
        AttachmentCount = e.Int("AttachmentCount"),
        PermissionsBoundaryUsageCount = e.Int("PermissionsBoundaryUsageCount"),
        IsAttachable = e.Bool("IsAttachable"),
        Description = e.Text("Description"),
        CreateDate = e.Date("CreateDate"),
        UpdateDate = e.Date("UpdateDate"),
        Tags = e.Tags(),
    };

    public static PolicyVersion PolicyVersion(XElement? e) => new()
    {
        VersionId = e.Required("VersionId"),
        IsDefaultVersion = e.Bool("IsDefaultVersion"),
        CreateDate = e.Date("CreateDate"),
        Document = e.Child("Document") is null ? null : e.Policy("Document"),
    };

    public static AttachedPolicy AttachedPolicy(XElement? e) => new(e.Required("PolicyName"), e.Required("PolicyArn"));

    /// <summary>A signing certificate, SSH public key or service-specific credential; <paramref name="idElement"/> names its id.</summary>
    public static UserCredential UserCredential(XElement? e, string idElement) => new()
    {
        UserName = e.Required("UserName"),
        Id = e.Required(idElement),
        Status = KeyStatus(e.Text("Status")),
        ServiceName = e.Text("ServiceName"),
    };

    public static AccessKeyStatus KeyStatus(string? text) => text switch
    {
        "Active" => AccessKeyStatus.Active,
        "Inactive" => AccessKeyStatus.Inactive,
        "Expired" => AccessKeyStatus.Expired,
        _ => throw new XmlException($"'{text}' is not an access key status."),
    };

    public static AccessKeyMetadata AccessKeyMetadata(XElement? e) => new()
    {
        UserName = e.Required("UserName"),
        AccessKeyId = e.Required("AccessKeyId"),
        Status = KeyStatus(e.Text("Status")),
        CreateDate = e.Date("CreateDate"),
    };

    public static NewAccessKey NewAccessKey(XElement? e) => new()
    {
        UserName = e.Required("UserName"),
        AccessKeyId = e.Required("AccessKeyId"),
        SecretAccessKey = e.Required("SecretAccessKey"),
        Status = KeyStatus(e.Text("Status")),
        CreateDate = e.Date("CreateDate"),
    };

    public static LoginProfile LoginProfile(XElement? e) => new()
    {
        UserName = e.Required("UserName"),
        CreateDate = e.Date("CreateDate"),
        PasswordResetRequired = e.Bool("PasswordResetRequired"),
    };

    public static PasswordPolicy PasswordPolicy(XElement? e) => new()
    {
        MinimumPasswordLength = e.OptionalInt("MinimumPasswordLength") ?? 6,
        RequireSymbols = e.Bool("RequireSymbols"),
        RequireNumbers = e.Bool("RequireNumbers"),
        RequireUppercaseCharacters = e.Bool("RequireUppercaseCharacters"),
        RequireLowercaseCharacters = e.Bool("RequireLowercaseCharacters"),
        AllowUsersToChangePassword = e.Bool("AllowUsersToChangePassword"),
        MaxPasswordAge = e.OptionalInt("MaxPasswordAge"),
        PasswordReusePrevention = e.OptionalInt("PasswordReusePrevention"),
        HardExpiry = e.Bool("HardExpiry"),
        ExpirePasswords = e.Bool("ExpirePasswords"),
    };

    /// <summary>IAM's <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;&lt;/entry&gt;</c> maps.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Entries(this XElement? map) =>
        map?.Elements().Where(e => e.Name.LocalName == "entry").Select(e => new KeyValuePair<string, string>(e.Required("key"), e.Required("value")))
        ?? Enumerable.Empty<KeyValuePair<string, string>>();

    public static VirtualMfaDevice VirtualMfaDevice(XElement? e) => new()
    {
        SerialNumber = e.Required("SerialNumber"),
        Base32StringSeed = Encoding.ASCII.GetString(e.Blob("Base32StringSeed")),
        QrCodePng = e.Blob("QRCodePNG"),
    };

    public static MfaDevice MfaDevice(XElement? e) => new()
    {
        UserName = e.Required("UserName"),
        SerialNumber = e.Required("SerialNumber"),
        EnableDate = e.Date("EnableDate"),
    };

    public static IReadOnlyList<InlinePolicy> InlinePolicies(this XElement? e, string listName, IdentityKind kind, string identityName) =>
        e.Members(listName).Select(m => new InlinePolicy
        {
            IdentityKind = kind,
            IdentityName = identityName,
            PolicyName = m.Required("PolicyName"),
            PolicyDocument = m.Policy("PolicyDocument"),
        }).ToList();

    public static IReadOnlyList<AttachedPolicy> AttachedManagedPolicies(this XElement e) =>
        e.Members("AttachedManagedPolicies").Select(AttachedPolicy).ToList();

    public static UserAuthorizationDetail UserDetail(XElement e)
    {
        var user = User(e);
        return new UserAuthorizationDetail
        {
            User = user,
            GroupNames = e.Strings("GroupList"),
            InlinePolicies = e.InlinePolicies("UserPolicyList", IdentityKind.User, user.UserName),
            AttachedPolicies = e.AttachedManagedPolicies(),
        };
    }

    public static GroupAuthorizationDetail GroupDetail(XElement e)
    {
        var group = Group(e);
        return new GroupAuthorizationDetail
        {
            Group = group,
            InlinePolicies = e.InlinePolicies("GroupPolicyList", IdentityKind.Group, group.GroupName),
            AttachedPolicies = e.AttachedManagedPolicies(),
        };
    }

    public static RoleAuthorizationDetail RoleDetail(XElement e)
    {
        var role = Role(e);
        return new RoleAuthorizationDetail
        {
            Role = role,
            InlinePolicies = e.InlinePolicies("RolePolicyList", IdentityKind.Role, role.RoleName),
            AttachedPolicies = e.AttachedManagedPolicies(),
            InstanceProfiles = e.Members("InstanceProfileList").Select(InstanceProfile).ToList(),
        };
    }

    public static ManagedPolicyDetail PolicyDetail(XElement e) => new()
    {
        Policy = ManagedPolicy(e),
        Versions = e.Members("PolicyVersionList").Select(PolicyVersion).ToList(),
    };

    public static SimulationDecision Decision(string? text) => text switch
    {
        "allowed" => SimulationDecision.Allowed,
        "explicitDeny" => SimulationDecision.ExplicitDeny,
        "implicitDeny" => SimulationDecision.ImplicitDeny,
        _ => throw new XmlException($"'{text}' is not a simulation decision."),
    };

    public static IReadOnlyList<SimulationMatchedStatement> MatchedStatements(this XElement? e) =>
        e.Members("MatchedStatements").Select(m => new SimulationMatchedStatement
        {
            SourcePolicyId = m.Required("SourcePolicyId"),
            SourcePolicyType = m.Required("SourcePolicyType"),
            StartLine = m.Child("StartPosition").OptionalInt("Line"),
            StartColumn = m.Child("StartPosition").OptionalInt("Column"),
            EndLine = m.Child("EndPosition").OptionalInt("Line"),
            EndColumn = m.Child("EndPosition").OptionalInt("Column"),
        }).ToList();

    public static PolicySimulationResult SimulationResult(XElement e) => new()
    {
        ActionName = e.Required("EvalActionName"),
        ResourceName = e.Text("EvalResourceName") ?? "*",
        Decision = Decision(e.Text("EvalDecision")),
        MatchedStatements = e.MatchedStatements(),
        MissingContextValues = e.Strings("MissingContextValues"),
        DecisionDetails = e.Child("EvalDecisionDetails").Entries().ToDictionary(p => p.Key, p => Decision(p.Value), StringComparer.Ordinal),
        AllowedByOrganizations = e.Child("OrganizationsDecisionDetail").OptionalBool("AllowedByOrganizations"),
        AllowedByPermissionsBoundary = e.Child("PermissionsBoundaryDecisionDetail").OptionalBool("AllowedByPermissionsBoundary"),
        ResourceResults = e.Members("ResourceSpecificResults").Select(r => new ResourceSimulationResult
        {
            ResourceName = r.Required("EvalResourceName"),
            Decision = Decision(r.Text("EvalResourceDecision")),
            MatchedStatements = r.MatchedStatements(),
            MissingContextValues = r.Strings("MissingContextValues"),
        }).ToList(),
    };

    public static CredentialReportState ReportState(string? text) => text switch
    {
        "STARTED" => CredentialReportState.Started,
        "INPROGRESS" => CredentialReportState.InProgress,
        "COMPLETE" => CredentialReportState.Complete,
        _ => throw new XmlException($"'{text}' is not a credential report state."),
    };
}

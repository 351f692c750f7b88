using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;

namespace IamOps.Simulator.Http;

/// <summary>The IAM actions the endpoint serves, each mapping Query parameters to the account and the result to XML.</summary>
internal static class IamQueryActions
{
    public static readonly IReadOnlyDictionary<string, Func<QueryCall, Action<XmlWriter>?>> All = Build();

    private static Dictionary<string, Func<QueryCall, Action<XmlWriter>?>> Build()
    {
        var a = new Dictionary<string, Func<QueryCall, Action<XmlWriter>?>>(StringComparer.Ordinal)
        {
            // Users
            ["CreateUser"] = c =>
            {
                var p = c.Parameters;
                var user = c.Run(_ => c.Iam.CreateUser(new CreateUserRequest { UserName = p.Required("UserName"), Path = p.Get("Path"), PermissionsBoundaryArn = p.Get("PermissionsBoundary"), Tags = p.Tags() }));
                return w => Wrapped(w, "User", user, QueryXml.User);
            },
            ["GetUser"] = c =>
            {
                var user = c.Run(caller => c.Iam.GetUser(caller, c.Parameters.Get("UserName")));
                return w => Wrapped(w, "User", user, QueryXml.User);
            },
            ["ListUsers"] = c => c.Page("Users", c.Run(_ => c.Iam.ListUsers(c.Parameters.Get("PathPrefix"))), QueryXml.User),
            ["PutUserPermissionsBoundary"] = c => c.Run(_ => c.Iam.PutUserPermissionsBoundary(c.Parameters.Required("UserName"), c.Parameters.Required("PermissionsBoundary"))),
            ["DeleteUserPermissionsBoundary"] = c => c.Run(_ => c.Iam.DeleteUserPermissionsBoundary(c.Parameters.Required("UserName"))),
            ["DeleteUser"] = c => c.Run(_ => c.Iam.DeleteUser(c.Parameters.Required("UserName"))),
            ["TagUser"] = c => c.Run(_ => c.Iam.TagUser(c.Parameters.Required("UserName"), c.Parameters.Tags())),
            ["UntagUser"] = c => c.Run(_ => c.Iam.UntagUser(c.Parameters.Required("UserName"), c.Parameters.Members("TagKeys"))),
            ["ListUserTags"] = c => c.Page("Tags", c.Run(caller => c.Iam.GetUser(caller, c.Parameters.Required("UserName")).Tags), Tag),

            // Login profiles
            ["CreateLoginProfile"] = c =>
            {
                var p = c.Parameters;
                var profile = c.Run(_ => c.Iam.CreateLoginProfile(p.Required("UserName"), p.Required("Password"), p.Bool("PasswordResetRequired") ?? false));
                return w => Wrapped(w, "LoginProfile", profile, LoginProfile);
            },
            ["GetLoginProfile"] = c =>
            {
                var profile = c.Run(_ => c.Iam.GetLoginProfile(c.Parameters.Required("UserName")));
                return w => Wrapped(w, "LoginProfile", profile, LoginProfile);
            },
            ["UpdateLoginProfile"] = c => c.Run(_ => c.Iam.UpdateLoginProfile(c.Parameters.Required("UserName"), c.Parameters.Get("Password"), c.Parameters.Bool("PasswordResetRequired"))),
            ["DeleteLoginProfile"] = c => c.Run(_ => c.Iam.DeleteLoginProfile(c.Parameters.Required("UserName"))),

            // Signing certificates, SSH public keys, service-specific credentials
            ["UploadSigningCertificate"] = c =>
            {
                var cert = c.Run(_ => c.Iam.UploadSigningCertificate(c.Parameters.Required("UserName"), c.Parameters.Required("CertificateBody")));
                return w => Wrapped(w, "Certificate", cert, (x, v) => UserCredential(x, v, "CertificateId"));
            },
            ["ListSigningCertificates"] = c => c.Page("Certificates", c.Run(_ => c.Iam.ListSigningCertificates(c.Parameters.Required("UserName"))), (x, v) => UserCredential(x, v, "CertificateId")),
            ["DeleteSigningCertificate"] = c => c.Run(_ => c.Iam.DeleteSigningCertificate(c.Parameters.Required("UserName"), c.Parameters.Required("CertificateId"))),
            ["UploadSSHPublicKey"] = c =>
            {
                var key = c.Run(_ => c.Iam.UploadSshPublicKey(c.Parameters.Required("UserName"), c.Parameters.Required("SSHPublicKeyBody")));
                return w => Wrapped(w, "SSHPublicKey", key, (x, v) => UserCredential(x, v, "SSHPublicKeyId"));
            },
            ["ListSSHPublicKeys"] = c => c.Page("SSHPublicKeys", c.Run(_ => c.Iam.ListSshPublicKeys(c.Parameters.Required("UserName"))), (x, v) => UserCredential(x, v, "SSHPublicKeyId")),
            ["DeleteSSHPublicKey"] = c => c.Run(_ => c.Iam.DeleteSshPublicKey(c.Parameters.Required("UserName"), c.Parameters.Required("SSHPublicKeyId"))),
            ["CreateServiceSpecificCredential"] = c =>
            {
                var credential = c.Run(_ => c.Iam.CreateServiceSpecificCredential(c.Parameters.Required("UserName"), c.Parameters.Required("ServiceName")));
                return w => Wrapped(w, "ServiceSpecificCredential", credential, (x, v) => UserCredential(x, v, "ServiceSpecificCredentialId"));
            },
            ["ListServiceSpecificCredentials"] = c =>
            {
                var list = c.Run(_ => c.Iam.ListServiceSpecificCredentials(c.Parameters.Required("UserName")));
                return w =>
                {
                    w.WriteStartElement("ServiceSpecificCredentials");
                    foreach (var v in list)
                    {
                        w.WriteStartElement("member");
                        UserCredential(w, v, "ServiceSpecificCredentialId");
                        w.WriteEndElement();
                    }

                    w.WriteEndElement();
                };
            },
            ["DeleteServiceSpecificCredential"] = c => c.Run(_ => c.Iam.DeleteServiceSpecificCredential(c.Parameters.Required("UserName"), c.Parameters.Required("ServiceSpecificCredentialId"))),

            // Access keys
            ["CreateAccessKey"] = c =>
            {
                var key = c.Run(caller => c.Iam.CreateAccessKey(caller, c.Parameters.Get("UserName")));
                return w => Wrapped(w, "AccessKey", key, (x, k) =>
                {
                    x.WriteElementString("UserName", k.UserName);
                    x.WriteElementString("AccessKeyId", k.AccessKeyId);
                    x.WriteElementString("Status", k.Status.ToString());
                    x.WriteElementString("SecretAccessKey", k.SecretAccessKey);
                    x.WriteElementString("CreateDate", QueryXml.Date(k.CreateDate));
                });
            },
            ["ListAccessKeys"] = c =>
            {
                var userName = c.Parameters.Get("UserName");
                var keys = c.Run(caller => c.Iam.ListAccessKeys(caller, userName));
                return c.Page("AccessKeyMetadata", keys, (x, k) =>
                {
                    x.WriteElementString("UserName", k.UserName);
                    x.WriteElementString("AccessKeyId", k.AccessKeyId);
                    x.WriteElementString("Status", k.Status.ToString());
                    x.WriteElementString("CreateDate", QueryXml.Date(k.CreateDate));
                });
            },
            ["UpdateAccessKey"] = c =>
            {
                var status = c.Parameters.Required("Status") switch
                {
                    "Active" => AccessKeyStatus.Active,
                    "Inactive" => AccessKeyStatus.Inactive,
                    var other => throw ServiceError.Constraint("status", other, "Member must satisfy enum value set: [Active, Inactive]"),
                };
                return c.Run(caller => c.Iam.UpdateAccessKey(caller, c.Parameters.Get("UserName"), c.Parameters.Required("AccessKeyId"), status));
            },
            ["DeleteAccessKey"] = c => c.Run(caller => c.Iam.DeleteAccessKey(caller, c.Parameters.Get("UserName"), c.Parameters.Required("AccessKeyId"))),
            ["GetAccessKeyLastUsed"] = c =>
            {
                var (userName, key) = c.Run(_ => c.Iam.GetAccessKeyLastUsed(c.Parameters.Required("AccessKeyId")));
                return w =>
                {
                    w.WriteElementString("UserName", userName);
                    w.WriteStartElement("AccessKeyLastUsed");
                    QueryXml.Text(w, "LastUsedDate", key.LastUsedDate is { } used ? QueryXml.Date(used) : null);
                    w.WriteElementString("ServiceName", key.LastUsedService ?? "N/A");
                    w.WriteElementString("Region", key.LastUsedRegion ?? "N/A");
                    w.WriteEndElement();
                };
            },

            // Groups
            ["CreateGroup"] = c =>
            {
                var group = c.Run(_ => c.Iam.CreateGroup(c.Parameters.Required("GroupName"), c.Parameters.Get("Path")));
                return w => Wrapped(w, "Group", group, QueryXml.Group);
            },
            ["GetGroup"] = c =>
            {
                var name = c.Parameters.Required("GroupName");
                var (group, members) = c.Run(_ => (c.Iam.GetGroup(name), c.Iam.GroupMembers(name)));
                return c.Page("Users", members, QueryXml.User, w => Wrapped(w, "Group", group, QueryXml.Group));
            },
            ["ListGroups"] = c => c.Page("Groups", c.Run(_ => c.Iam.ListGroups(c.Parameters.Get("PathPrefix"))), QueryXml.Group),
            ["ListGroupsForUser"] = c => c.Page("Groups", c.Run(_ => c.Iam.ListGroupsForUser(c.Parameters.Required("UserName"))), QueryXml.Group),
            ["AddUserToGroup"] = c => c.Run(_ => c.Iam.AddUserToGroup(c.Parameters.Required("GroupName"), c.Parameters.Required("UserName"))),
            ["RemoveUserFromGroup"] = c => c.Run(_ => c.Iam.RemoveUserFromGroup(c.Parameters.Required("GroupName"), c.Parameters.Required("UserName"))),
            ["DeleteGroup"] = c => c.Run(_ => c.Iam.DeleteGroup(c.Parameters.Required("GroupName"))),

            // Managed policies
            ["CreatePolicy"] = c =>
            {
                var p = c.Parameters;
                var policy = c.Run(_ => c.Iam.CreatePolicy(new CreatePolicyRequest { PolicyName = p.Required("PolicyName"), PolicyDocument = p.Required("PolicyDocument"), Path = p.Get("Path"), Description = p.Get("Description"), Tags = p.Tags() }));
                return w => Wrapped(w, "Policy", policy, QueryXml.Policy);
            },
            ["GetPolicy"] = c =>
            {
                var policy = c.Run(_ => c.Iam.GetPolicy(c.Parameters.Required("PolicyArn")));
                return w => Wrapped(w, "Policy", policy, QueryXml.Policy);
            },
            ["ListPolicies"] = c =>
            {
                var p = c.Parameters;
                var scope = p.Get("Scope") ?? "All";
                if (scope is not ("All" or "AWS" or "Local"))
                {
                    throw ServiceError.Constraint("scope", scope, "Member must satisfy enum value set: [All, AWS, Local]");
                }

                return c.Page("Policies", c.Run(_ => c.Iam.ListPolicies(scope, p.Bool("OnlyAttached") ?? false, p.Get("PathPrefix"))), QueryXml.Policy);
            },
            ["DeletePolicy"] = c => c.Run(_ => c.Iam.DeletePolicy(c.Parameters.Required("PolicyArn"))),
            ["GetPolicyVersion"] = c =>
            {
                var version = c.Run(_ => c.Iam.GetPolicyVersion(c.Parameters.Required("PolicyArn"), c.Parameters.Required("VersionId")));
                return w => Wrapped(w, "PolicyVersion", version, QueryXml.Version);
            },
            ["CreatePolicyVersion"] = c =>
            {
                var p = c.Parameters;
                var version = c.Run(_ => c.Iam.CreatePolicyVersion(p.Required("PolicyArn"), p.Required("PolicyDocument"), p.Bool("SetAsDefault") ?? false));
                return w => Wrapped(w, "PolicyVersion", version with { Document = null }, QueryXml.Version);
            },
            ["ListPolicyVersions"] = c => c.Page("Versions", c.Run(_ => c.Iam.ListPolicyVersions(c.Parameters.Required("PolicyArn"))), QueryXml.Version),
            ["DeletePolicyVersion"] = c => c.Run(_ => c.Iam.DeletePolicyVersion(c.Parameters.Required("PolicyArn"), c.Parameters.Required("VersionId"))),
            ["SetDefaultPolicyVersion"] = c => c.Run(_ => c.Iam.SetDefaultPolicyVersion(c.Parameters.Required("PolicyArn"), c.Parameters.Required("VersionId"))),

            // Roles
            ["CreateRole"] = c =>
            {
                var p = c.Parameters;
                var role = c.Run(_ => c.Iam.CreateRole(new CreateRoleRequest
                {
                    RoleName = p.Required("RoleName"),
                    AssumeRolePolicyDocument = p.Required("AssumeRolePolicyDocument"),
                    Path = p.Get("Path"),
                    Description = p.Get("Description"),
                    MaxSessionDuration = p.Int("MaxSessionDuration"),
                    PermissionsBoundaryArn = p.Get("PermissionsBoundary"),
                    Tags = p.Tags(),
                }));
                return w => Wrapped(w, "Role", role, QueryXml.Role);
            },
            ["GetRole"] = c =>
            {
                var role = c.Run(_ => c.Iam.GetRole(c.Parameters.Required("RoleName")));
                return w => Wrapped(w, "Role", role, QueryXml.Role);
            },
            ["ListRoles"] = c => c.Page("Roles", c.Run(_ => c.Iam.ListRoles(c.Parameters.Get("PathPrefix"))), QueryXml.Role),
            ["UpdateAssumeRolePolicy"] = c => c.Run(_ => c.Iam.UpdateAssumeRolePolicy(c.Parameters.Required("RoleName"), c.Parameters.Required("PolicyDocument"))),
            ["UpdateRole"] = c => c.Run(_ => c.Iam.UpdateRole(c.Parameters.Required("RoleName"), c.Parameters.Get("Description"), c.Parameters.Int("MaxSessionDuration"))),
            ["TagRole"] = c => c.Run(_ => c.Iam.TagRole(c.Parameters.Required("RoleName"), c.Parameters.Tags())),
            ["UntagRole"] = c => c.Run(_ => c.Iam.UntagRole(c.Parameters.Required("RoleName"), c.Parameters.Members("TagKeys"))),
            ["ListRoleTags"] = c => c.Page("Tags", c.Run(_ => c.Iam.GetRole(c.Parameters.Required("RoleName")).Tags), Tag),
            ["DeleteRole"] = c => c.Run(_ => c.Iam.DeleteRole(c.Parameters.Required("RoleName"))),

            // Instance profiles
            ["CreateInstanceProfile"] = c =>
            {
                var profile = c.Run(_ => c.Iam.CreateInstanceProfile(c.Parameters.Required("InstanceProfileName"), c.Parameters.Get("Path"), c.Parameters.Tags()));
                return w => Wrapped(w, "InstanceProfile", profile, QueryXml.InstanceProfile);
            },
            ["GetInstanceProfile"] = c =>
            {
                var profile = c.Run(_ => c.Iam.GetInstanceProfile(c.Parameters.Required("InstanceProfileName")));
                return w => Wrapped(w, "InstanceProfile", profile, QueryXml.InstanceProfile);
            },
            ["AddRoleToInstanceProfile"] = c => c.Run(_ => c.Iam.AddRoleToInstanceProfile(c.Parameters.Required("InstanceProfileName"), c.Parameters.Required("RoleName"))),
            ["RemoveRoleFromInstanceProfile"] = c => c.Run(_ => c.Iam.RemoveRoleFromInstanceProfile(c.Parameters.Required("InstanceProfileName"), c.Parameters.Required("RoleName"))),
            ["ListInstanceProfilesForRole"] = c => c.Page("InstanceProfiles", c.Run(_ => c.Iam.ListInstanceProfilesForRole(c.Parameters.Required("RoleName"))), QueryXml.InstanceProfile),
            ["DeleteInstanceProfile"] = c => c.Run(_ => c.Iam.DeleteInstanceProfile(c.Parameters.Required("InstanceProfileName"))),

            // Account
            ["ListAccountAliases"] = c => c.Page("AccountAliases", c.Run(_ => c.Iam.ListAccountAliases()), (x, s) => x.WriteString(s)),
            ["CreateAccountAlias"] = c => c.Run(_ => c.Iam.CreateAccountAlias(c.Parameters.Required("AccountAlias"))),
            ["DeleteAccountAlias"] = c => c.Run(_ => c.Iam.DeleteAccountAlias(c.Parameters.Required("AccountAlias"))),
            ["GetAccountPasswordPolicy"] = c =>
            {
                var policy = c.Run(_ => c.Iam.GetAccountPasswordPolicy());
                return w => Wrapped(w, "PasswordPolicy", policy, PasswordPolicy);
            },
            ["UpdateAccountPasswordPolicy"] = c =>
            {
                var p = c.Parameters;
                var policy = new PasswordPolicy
                {
                    MinimumPasswordLength = p.Int("MinimumPasswordLength") ?? 6,
                    RequireSymbols = p.Bool("RequireSymbols") ?? false,
                    RequireNumbers = p.Bool("RequireNumbers") ?? false,
                    RequireUppercaseCharacters = p.Bool("RequireUppercaseCharacters") ?? false,
                    RequireLowercaseCharacters = p.Bool("RequireLowercaseCharacters") ?? false,
                    AllowUsersToChangePassword = p.Bool("AllowUsersToChangePassword") ?? false,
                    MaxPasswordAge = p.Int("MaxPasswordAge"),
                    PasswordReusePrevention = p.Int("PasswordReusePrevention"),
                    HardExpiry = p.Bool("HardExpiry") ?? false,
                };
                return c.Run(_ => c.Iam.UpdateAccountPasswordPolicy(policy));
            },
            ["DeleteAccountPasswordPolicy"] = c => c.Run(_ => c.Iam.DeleteAccountPasswordPolicy()),
            ["GetAccountSummary"] = c =>
            {
                var summary = c.Run(_ => c.Iam.GetAccountSummary());
                return w =>
                {
                    w.WriteStartElement("SummaryMap");
                    foreach (var entry in summary)
                    {
                        w.WriteStartElement("entry");
                        w.WriteElementString("key", entry.Key);
                        w.WriteElementString("value", entry.Value.ToString(CultureInfo.InvariantCulture));
                        w.WriteEndElement();
                    }

                    w.WriteEndElement();
                };
            },

            // MFA
            ["CreateVirtualMFADevice"] = c =>
            {
                var p = c.Parameters;
                var (device, _) = c.Run(_ => c.Iam.CreateVirtualMfaDevice(p.Required("VirtualMFADeviceName"), p.Get("Path"), p.Tags()));
                return w => Wrapped(w, "VirtualMFADevice", device, (x, d) =>
                {
                    x.WriteElementString("SerialNumber", d.SerialNumber);

                    // A blob in the API model: the seed's ASCII characters, base64-encoded.
                    x.WriteElementString("Base32StringSeed", Convert.ToBase64String(Encoding.ASCII.GetBytes(d.Base32StringSeed)));
                    x.WriteElementString("QRCodePNG", Convert.ToBase64String(d.QrCodePng));
                });
            },
            ["EnableMFADevice"] = c =>
            {
                var p = c.Parameters;
                return c.Run(_ => c.Iam.EnableMfaDevice(p.Required("UserName"), p.Required("SerialNumber"), p.Required("AuthenticationCode1"), p.Required("AuthenticationCode2")));
            },
            ["DeactivateMFADevice"] = c => c.Run(_ => c.Iam.DeactivateMfaDevice(c.Parameters.Required("UserName"), c.Parameters.Required("SerialNumber"))),
            ["DeleteVirtualMFADevice"] = c => c.Run(_ => c.Iam.DeleteVirtualMfaDevice(c.Parameters.Required("SerialNumber"))),
            ["ListMFADevices"] = c => c.Page("MFADevices", c.Run(caller => c.Iam.ListMfaDevices(caller, c.Parameters.Get("UserName"))), (x, d) =>
            {
                x.WriteElementString("UserName", d.UserName);
                x.WriteElementString("SerialNumber", d.SerialNumber);
                x.WriteElementString("EnableDate", QueryXml.Date(d.EnableDate));
            }),
            ["ListVirtualMFADevices"] = c => c.Page("VirtualMFADevices", c.Run(_ => c.Iam.ListVirtualMfaDevices(c.Parameters.Get("AssignmentStatus"))), (x, d) =>
            {
                x.WriteElementString("SerialNumber", d.SerialNumber);
                QueryXml.Text(x, "EnableDate", d.EnableDate is { } enabled ? QueryXml.Date(enabled) : null);
            }),

            // Whole-account reads, simulation and reports
            ["GetAccountAuthorizationDetails"] = c => AuthorizationDetails(c),
            ["SimulatePrincipalPolicy"] = c =>
            {
                var p = c.Parameters;
                var request = new SimulatePrincipalPolicyRequest { PolicySourceArn = p.Required("PolicySourceArn"), AdditionalPolicies = p.Members("PolicyInputList") };
                return c.Page("EvaluationResults", c.Run(_ => c.Account.Simulator.Principal(SimulationParameters(request, p))), SimulationResult);
            },
            ["SimulateCustomPolicy"] = c =>
            {
                var p = c.Parameters;
                var request = new SimulateCustomPolicyRequest { Policies = p.Members("PolicyInputList") };
                return c.Page("EvaluationResults", c.Run(_ => c.Account.Simulator.Custom(SimulationParameters(request, p))), SimulationResult);
            },
            ["GenerateCredentialReport"] = c =>
            {
                var state = c.Run(_ => c.Iam.GenerateCredentialReport());
                return w =>
                {
                    w.WriteElementString("State", state == CredentialReportState.Started ? "STARTED" : "COMPLETE");
                    w.WriteElementString("Description", state == CredentialReportState.Started ? "No report exists. Starting a new report generation task" : "Report is ready.");
                };
            },
            ["GetCredentialReport"] = c =>
            {
                var report = c.Run(_ => c.Iam.GetCredentialReport());
                return w =>
                {
                    w.WriteElementString("Content", Convert.ToBase64String(Encoding.UTF8.GetBytes(report.Content)));
                    w.WriteElementString("ReportFormat", report.ReportFormat);
                    w.WriteElementString("GeneratedTime", QueryXml.Date(report.GeneratedTime));
                };
            },
        };

        foreach (var kind in new[] { IdentityKind.User, IdentityKind.Group, IdentityKind.Role })
        {
            var noun = kind.ToString();
            var nameParameter = noun + "Name";
            a[$"Attach{noun}Policy"] = c => c.Run(_ => c.Iam.AttachPolicy(kind, c.Parameters.Required(nameParameter), c.Parameters.Required("PolicyArn")));
            a[$"Detach{noun}Policy"] = c => c.Run(_ => c.Iam.DetachPolicy(kind, c.Parameters.Required(nameParameter), c.Parameters.Required("PolicyArn")));
            a[$"ListAttached{noun}Policies"] = c => c.Page("AttachedPolicies", c.Run(_ => c.Iam.ListAttachedPolicies(kind, c.Parameters.Required(nameParameter))), (x, p) =>
            {
                x.WriteElementString("PolicyName", p.PolicyName);
                x.WriteElementString("PolicyArn", p.PolicyArn);
            });
            a[$"Put{noun}Policy"] = c => c.Run(_ => c.Iam.PutInlinePolicy(kind, c.Parameters.Required(nameParameter), c.Parameters.Required("PolicyName"), c.Parameters.Required("PolicyDocument")));
            a[$"Get{noun}Policy"] = c =>
            {
                var policy = c.Run(_ => c.Iam.GetInlinePolicy(kind, c.Parameters.Required(nameParameter), c.Parameters.Required("PolicyName")));
                return w =>
                {
                    w.WriteElementString(nameParameter, policy.IdentityName);
                    w.WriteElementString("PolicyName", policy.PolicyName);
                    w.WriteElementString("PolicyDocument", QueryXml.Document(policy.PolicyDocument));
                };
            };
            a[$"Delete{noun}Policy"] = c => c.Run(_ => c.Iam.DeleteInlinePolicy(kind, c.Parameters.Required(nameParameter), c.Parameters.Required("PolicyName")));
            a[$"List{noun}Policies"] = c => c.Page("PolicyNames", c.Run(_ => c.Iam.ListInlinePolicyNames(kind, c.Parameters.Required(nameParameter))), (x, s) => x.WriteString(s));
        }

        return a;
    }

    private static void Wrapped<T>(XmlWriter w, string name, T value, Action<XmlWriter, T> body)
    {
        w.WriteStartElement(name);
        body(w, value);
        w.WriteEndElement();
    }

    private static T SimulationParameters<T>(T request, QueryParameters p)
        where T : PolicySimulationRequest => request with
    {
        ActionNames = p.Members("ActionNames"),
        ResourceArns = p.Members("ResourceArns"),
        PermissionsBoundaryPolicies = p.Members("PermissionsBoundaryPolicyInputList"),
        ResourcePolicy = p.Get("ResourcePolicy"),
        ResourceOwner = p.Get("ResourceOwner"),
        CallerArn = p.Get("CallerArn"),
        ContextEntries = p.ContextEntries(),
        ResourceHandlingOption = p.Get("ResourceHandlingOption"),
    };

    private static string Decision(SimulationDecision decision) => decision switch
    {
        SimulationDecision.Allowed => "allowed",
        SimulationDecision.ExplicitDeny => "explicitDeny",
        _ => "implicitDeny",
    };

    private static void SimulationResult(XmlWriter w, PolicySimulationResult r)
    {
        w.WriteElementString("EvalActionName", r.ActionName);
        w.WriteElementString("EvalResourceName", r.ResourceName);
        w.WriteElementString("EvalDecision", Decision(r.Decision));
        QueryXml.Members(w, "MatchedStatements", r.MatchedStatements, (x, m) =>
        {
            x.WriteElementString("SourcePolicyId", m.SourcePolicyId);
            x.WriteElementString("SourcePolicyType", m.SourcePolicyType);
            if (m.StartLine is { } line && m.StartColumn is { } column)
            {
                x.WriteStartElement("StartPosition");
                x.WriteElementString("Line", line.ToString(CultureInfo.InvariantCulture));
                x.WriteElementString("Column", column.ToString(CultureInfo.InvariantCulture));
                x.WriteEndElement();
            }
        });
        QueryXml.Strings(w, "MissingContextValues", r.MissingContextValues);
        if (r.AllowedByPermissionsBoundary is { } allowed)
        {
            w.WriteStartElement("PermissionsBoundaryDecisionDetail");
            w.WriteElementString("AllowedByPermissionsBoundary", QueryXml.Bool(allowed));
            w.WriteEndElement();
        }
    }

    private static void UserCredential(XmlWriter w, UserCredential credential, string idElement)
    {
        w.WriteElementString("UserName", credential.UserName);
        w.WriteElementString(idElement, credential.Id);
        w.WriteElementString("Status", credential.Status.ToString());
        if (credential.ServiceName is not null)
        {
            w.WriteElementString("ServiceName", credential.ServiceName);
        }
    }

    private static void Tag(XmlWriter w, IamTag tag)
    {
        w.WriteElementString("Key", tag.Key);
        w.WriteElementString("Value", tag.Value);
    }

    private static void LoginProfile(XmlWriter w, LoginProfile profile)
    {
        w.WriteElementString("UserName", profile.UserName);
        w.WriteElementString("CreateDate", QueryXml.Date(profile.CreateDate));
        w.WriteElementString("PasswordResetRequired", QueryXml.Bool(profile.PasswordResetRequired));
    }

    private static void PasswordPolicy(XmlWriter w, PasswordPolicy p)
    {
        w.WriteElementString("MinimumPasswordLength", p.MinimumPasswordLength.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("RequireSymbols", QueryXml.Bool(p.RequireSymbols));
        w.WriteElementString("RequireNumbers", QueryXml.Bool(p.RequireNumbers));
        w.WriteElementString("RequireUppercaseCharacters", QueryXml.Bool(p.RequireUppercaseCharacters));
        w.WriteElementString("RequireLowercaseCharacters", QueryXml.Bool(p.RequireLowercaseCharacters));
        w.WriteElementString("AllowUsersToChangePassword", QueryXml.Bool(p.AllowUsersToChangePassword));
        w.WriteElementString("ExpirePasswords", QueryXml.Bool(p.ExpirePasswords));
        QueryXml.Text(w, "MaxPasswordAge", p.MaxPasswordAge?.ToString(CultureInfo.InvariantCulture));
        QueryXml.Text(w, "PasswordReusePrevention", p.PasswordReusePrevention?.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("HardExpiry", QueryXml.Bool(p.HardExpiry));
    }

    private static Action<XmlWriter> AuthorizationDetails(QueryCall c)
    {
        var filter = AuthorizationDetailsFilter.All;
        foreach (var name in c.Parameters.Members("Filter"))
        {
            filter |= name switch
            {
                "User" => AuthorizationDetailsFilter.User,
                "Group" => AuthorizationDetailsFilter.Group,
                "Role" => AuthorizationDetailsFilter.Role,
                "LocalManagedPolicy" => AuthorizationDetailsFilter.LocalManagedPolicy,
                "AWSManagedPolicy" => AuthorizationDetailsFilter.AwsManagedPolicy,
                _ => throw ServiceError.Constraint("filter", name, "Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]"),
            };
        }

        var details = c.Run(_ => c.Iam.GetAccountAuthorizationDetails(filter));

        // One page: the whole account fits the simulator's responses.
        return w =>
        {
            QueryXml.Members(w, "UserDetailList", details.Users, (x, u) =>
            {
                QueryXml.User(x, u.User);
                QueryXml.InlinePolicies(x, "UserPolicyList", u.InlinePolicies);
                QueryXml.Strings(x, "GroupList", u.GroupNames);
                QueryXml.AttachedPolicies(x, "AttachedManagedPolicies", u.AttachedPolicies);
            });
            QueryXml.Members(w, "GroupDetailList", details.Groups, (x, g) =>
            {
                QueryXml.Group(x, g.Group);
                QueryXml.InlinePolicies(x, "GroupPolicyList", g.InlinePolicies);
                QueryXml.AttachedPolicies(x, "AttachedManagedPolicies", g.AttachedPolicies);
            });
            QueryXml.Members(w, "RoleDetailList", details.Roles, (x, r) =>
            {
                QueryXml.Role(x, r.Role);
                QueryXml.Members(x, "InstanceProfileList", r.InstanceProfiles, QueryXml.InstanceProfile);
                QueryXml.InlinePolicies(x, "RolePolicyList", r.InlinePolicies);
                QueryXml.AttachedPolicies(x, "AttachedManagedPolicies", r.AttachedPolicies);
            });
            QueryXml.Members(w, "Policies", details.Policies, (x, p) =>
            {
                QueryXml.Policy(x, p.Policy);
                QueryXml.Members(x, "PolicyVersionList", p.Versions, QueryXml.Version);
            });
            w.WriteElementString("IsTruncated", "false");
        };
    }
}

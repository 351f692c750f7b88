using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The IAM actions on the account: aliases, password policy, summary, authorization details, policy simulation and credential reports.</summary>
internal static partial class IamQueryActions
{
    private static Dictionary<string, QueryHandler> Account() => new(StringComparer.Ordinal)
    {
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

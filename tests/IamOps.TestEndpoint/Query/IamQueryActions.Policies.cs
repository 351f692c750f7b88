using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The IAM actions on managed policies and their versions.</summary>
internal static partial class IamQueryActions
{
    private static Dictionary<string, QueryHandler> Policies() => new(StringComparer.Ordinal)
    {
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
    };
}

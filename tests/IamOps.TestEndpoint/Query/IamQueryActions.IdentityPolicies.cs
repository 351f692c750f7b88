using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The IAM actions every identity kind (user, group, role) has alike: managed policy attachments and inline policies.</summary>
internal static partial class IamQueryActions
{
    private static Dictionary<string, QueryHandler> IdentityPolicies()
    {
        var a = new Dictionary<string, QueryHandler>(StringComparer.Ordinal);
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
}

using System.Text.Json.Nodes;
using IamOps.Policies;

namespace IamOps.RoleGrant;

/// <summary>
/// The identity policy that lets a user or group of the role's own account assume exactly that role: needed because
/// the trust policy names the account, which delegates the decision to identity policies.
/// </summary>
public static class AssumeRolePermission
{
    /// <summary>One inline policy per role, so granting several roles to one user keeps each separate and re-runnable.</summary>
    public static string PolicyName(string roleName) => "IamOps-AssumeRole-" + roleName;

    public static string Document(string roleArn)
    {
        var document = PolicyJson.NewDocument();
        PolicyJson.Statements(document).Add(new JsonObject
        {
            ["Sid"] = "IamOpsAssumeRole",
            ["Effect"] = "Allow",
            ["Action"] = "sts:AssumeRole",
            ["Resource"] = roleArn,
        });
        return PolicyJson.Write(document);
    }
}

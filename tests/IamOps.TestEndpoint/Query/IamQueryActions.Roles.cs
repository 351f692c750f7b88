using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The IAM actions on roles and instance profiles.</summary>
internal static partial class IamQueryActions
{
    private static Dictionary<string, QueryHandler> Roles() => new(StringComparer.Ordinal)
    {
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
    };
}

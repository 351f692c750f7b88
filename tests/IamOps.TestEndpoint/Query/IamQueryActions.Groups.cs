using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The IAM actions on groups and their members.</summary>
internal static partial class IamQueryActions
{
    private static Dictionary<string, QueryHandler> Groups() => new(StringComparer.Ordinal)
    {
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
    };
}

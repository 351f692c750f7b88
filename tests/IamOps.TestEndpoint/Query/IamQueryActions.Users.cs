using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The IAM actions on users, their login profiles and tags.</summary>
internal static partial class IamQueryActions
{
    private static Dictionary<string, QueryHandler> Users() => new(StringComparer.Ordinal)
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
    };

    private static void LoginProfile(XmlWriter w, LoginProfile profile)
    {
        w.WriteElementString("UserName", profile.UserName);
        w.WriteElementString("CreateDate", QueryXml.Date(profile.CreateDate));
        w.WriteElementString("PasswordResetRequired", QueryXml.Bool(profile.PasswordResetRequired));
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
using IamOps.Aws;
using IamOps.Simulator;

namespace IamOps.TestEndpoint.Query;

/// <summary>The Query protocol's XML: success envelopes, error envelopes, and the IAM shapes of the API reference.</summary>
internal static class QueryXml
{
    public const string IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    public const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static readonly XmlWriterSettings Settings = new() { OmitXmlDeclaration = false, Encoding = new UTF8Encoding(false), Indent = false };

    public static string Response(string action, string ns, string requestId, Action<XmlWriter>? result)
    {
        return Write(w =>
        {
            w.WriteStartElement(action + "Response", ns);
            if (result is not null)
            {
                w.WriteStartElement(action + "Result");
                result(w);
                w.WriteEndElement();
            }

            w.WriteStartElement("ResponseMetadata");
            w.WriteElementString("RequestId", requestId);
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    public static string Error(string ns, bool senderFault, string code, string message, string requestId) => Write(w =>
    {
        w.WriteStartElement("ErrorResponse", ns);
        w.WriteStartElement("Error");
        w.WriteElementString("Type", senderFault ? "Sender" : "Receiver");
        w.WriteElementString("Code", code);
        w.WriteElementString("Message", message);
        w.WriteEndElement();
        w.WriteElementString("RequestId", requestId);
        w.WriteEndElement();
    });

    public static string Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Date(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Policy documents travel URL-encoded (RFC 3986), as IAM returns them.</summary>
    public static string Document(string document) => Uri.EscapeDataString(document);

    public static void Text(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(name, value);
        }
    }

    public static void Members<T>(XmlWriter w, string name, IEnumerable<T> items, Action<XmlWriter, T> item)
    {
        w.WriteStartElement(name);
        foreach (var value in items)
        {
            w.WriteStartElement("member");
            item(w, value);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public static void Strings(XmlWriter w, string name, IEnumerable<string> items) => Members(w, name, items, (x, s) => x.WriteString(s));

    public static void Tags(XmlWriter w, IReadOnlyList<IamTag> tags)
    {
        if (tags.Count > 0)
        {
            Members(w, "Tags", tags, (x, t) =>
            {
                x.WriteElementString("Key", t.Key);
                x.WriteElementString("Value", t.Value);
            });
        }
    }

    public static void Boundary(XmlWriter w, string? arn)
    {
        if (arn is not null)
        {
            w.WriteStartElement("PermissionsBoundary");
            w.WriteElementString("PermissionsBoundaryType", "PermissionsBoundaryPolicy");
            w.WriteElementString("PermissionsBoundaryArn", arn);
            w.WriteEndElement();
        }
    }

    public static void User(XmlWriter w, IamUser u)
    {
        w.WriteElementString("Path", u.Path);
        w.WriteElementString("UserName", u.UserName);
        w.WriteElementString("UserId", u.UserId);
        w.WriteElementString("Arn", u.Arn);
        w.WriteElementString("CreateDate", Date(u.CreateDate));
        Text(w, "PasswordLastUsed", u.PasswordLastUsed is { } used ? Date(used) : null);
        Boundary(w, u.PermissionsBoundaryArn);
        Tags(w, u.Tags);
    }

    public static void Group(XmlWriter w, IamGroup g)
    {
        w.WriteElementString("Path", g.Path);
        w.WriteElementString("GroupName", g.GroupName);
        w.WriteElementString("GroupId", g.GroupId);
        w.WriteElementString("Arn", g.Arn);
        w.WriteElementString("CreateDate", Date(g.CreateDate));
    }

    public static void Role(XmlWriter w, IamRole r)
    {
        w.WriteElementString("Path", r.Path);
        w.WriteElementString("RoleName", r.RoleName);
        w.WriteElementString("RoleId", r.RoleId);
        w.WriteElementString("Arn", r.Arn);
        w.WriteElementString("CreateDate", Date(r.CreateDate));
        w.WriteElementString("AssumeRolePolicyDocument", Document(r.AssumeRolePolicyDocument));
        Text(w, "Description", r.Description);
        w.WriteElementString("MaxSessionDuration", r.MaxSessionDuration.ToString(CultureInfo.InvariantCulture));
        Boundary(w, r.PermissionsBoundaryArn);
        Tags(w, r.Tags);
        if (r.LastUsedDate is { } lastUsed)
        {
            w.WriteStartElement("RoleLastUsed");
            w.WriteElementString("LastUsedDate", Date(lastUsed));
            Text(w, "Region", r.LastUsedRegion);
            w.WriteEndElement();
        }
    }

    public static void Policy(XmlWriter w, ManagedPolicy p)
    {
        w.WriteElementString("PolicyName", p.PolicyName);
        w.WriteElementString("DefaultVersionId", p.DefaultVersionId);
        w.WriteElementString("PolicyId", p.PolicyId);
        w.WriteElementString("Path", p.Path);
        w.WriteElementString("Arn", p.Arn);
        w.WriteElementString("AttachmentCount", p.AttachmentCount.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("PermissionsBoundaryUsageCount", p.PermissionsBoundaryUsageCount.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("IsAttachable", Bool(p.IsAttachable));
        Text(w, "Description", p.Description);
        w.WriteElementString("CreateDate", Date(p.CreateDate));
        w.WriteElementString("UpdateDate", Date(p.UpdateDate));
        Tags(w, p.Tags);
    }

    public static void Version(XmlWriter w, PolicyVersion v)
    {
        Text(w, "Document", v.Document is null ? null : Document(v.Document));
        w.WriteElementString("VersionId", v.VersionId);
        w.WriteElementString("IsDefaultVersion", Bool(v.IsDefaultVersion));
        w.WriteElementString("CreateDate", Date(v.CreateDate));
    }

    public static void InstanceProfile(XmlWriter w, InstanceProfile p)
    {
        w.WriteElementString("Path", p.Path);
        w.WriteElementString("InstanceProfileName", p.InstanceProfileName);
        w.WriteElementString("InstanceProfileId", p.InstanceProfileId);
        w.WriteElementString("Arn", p.Arn);
        w.WriteElementString("CreateDate", Date(p.CreateDate));
        Members(w, "Roles", p.Roles, Role);
        Tags(w, p.Tags);
    }

    public static void AttachedPolicies(XmlWriter w, string name, IEnumerable<AttachedPolicy> policies) => Members(w, name, policies, (x, p) =>
    {
        x.WriteElementString("PolicyName", p.PolicyName);
        x.WriteElementString("PolicyArn", p.PolicyArn);
    });

    public static void InlinePolicies(XmlWriter w, string name, IEnumerable<InlinePolicy> policies) => Members(w, name, policies, (x, p) =>
    {
        x.WriteElementString("PolicyName", p.PolicyName);
        x.WriteElementString("PolicyDocument", Document(p.PolicyDocument));
    });
}

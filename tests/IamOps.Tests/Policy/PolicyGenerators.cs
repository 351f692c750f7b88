using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace IamOps.Tests.Policy;

/// <summary>FsCheck generators of policy documents: structured random ones, and text or byte mutations of valid ones.</summary>
public static class PolicyGenerators
{
    private static readonly string[] Actions = { "*", "s3:GetObject", "s3:Get*", "iam:PassRole", "ec2:Describe*", "sts:AssumeRole", "s4:Nope", "bad action", "", "S3:getobject", "iam:?assRole", "lambda:*" };
    private static readonly string[] Resources = { "*", "arn:aws:s3:::b/*", "arn:aws:s3:::b", "arn:aws:iam::111122223333:role/x", "arn:aws:s3:::b/${aws:username}/*", "arn:aws", "bucket", "arn:aws:ec2:*:*:instance/*", "arn:aws:s3:::b/${*}${?}${$}", "arn:aws:s3:::${aws:PrincipalTag/t, 'd'}/x", "arn:aws:s3:::b/${oops" };
    private static readonly string[] Operators = { "StringEquals", "StringLike", "StringNotEqualsIgnoreCase", "ForAnyValue:StringLike", "ForAllValues:StringEquals", "NumericLessThan", "DateGreaterThanIfExists", "Bool", "IpAddress", "NotIpAddress", "ArnLike", "Null", "NullIfExists", "BinaryEquals", "Bogus", "" };
    private static readonly string[] Keys = { "aws:SourceIp", "aws:username", "aws:PrincipalTag/team", "s3:prefix", "aws:TagKeys", "aws:CurrentTime", "aws:SecureTransport", "nope:key", "" };
    private static readonly object[] Values = { "10.0.0.0/8", "2001:db8::/32", "home/*", "${aws:username}", "2024-01-01T00:00:00Z", "1700000000", "true", "false", 5, 1.5, true, "arn:aws:s3:::b", "QUJD", "x", "" };
    private static readonly string[] Effects = { "Allow", "Deny", "allow", "" };
    private static readonly string[] Versions = { "2012-10-17", "2008-10-17", "2024-01-01" };

    public static Arbitrary<string> Documents() => DocumentGen().Select(d => JsonSerializer.Serialize(d)).ToArbitrary();

    public static Arbitrary<string> MutatedDocuments() => DocumentGen()
        .Select(d => JsonSerializer.Serialize(d))
        .SelectMany(text => Between(Mutation(), 1, 6).Select(ms => ms.Aggregate(text, (t, m) => m(t))))
        .ToArbitrary();

    public static Arbitrary<byte[]> MutatedBytes() => DocumentGen()
        .Select(d => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(d)))
        .SelectMany(bytes => Gen.Choose(0, Math.Max(0, bytes.Length - 1)).SelectMany(at => Gen.Choose(0x80, 0xFF).Select(b =>
        {
            var copy = (byte[])bytes.Clone();
            if (copy.Length > 0)
            {
                copy[at] = (byte)b;
            }

            return copy;
        })))
        .ToArbitrary();

    private static Gen<IReadOnlyList<T>> Between<T>(Gen<T> item, int min, int max)
        => Gen.Choose(min, max).SelectMany(n => Gen.ListOf(item, n).Select(list => (IReadOnlyList<T>)list.ToArray()));

    private static Gen<Dictionary<string, object?>> DocumentGen()
        => from version in Gen.Elements(Versions).OrNull()
           from statements in Between(StatementGen(), 0, 4)
           from asObject in Gen.Elements(true, false)
           select BuildDocument(version, statements, asObject);

    private static Dictionary<string, object?> BuildDocument(string? version, IReadOnlyList<Dictionary<string, object?>> statements, bool asObject)
    {
        var document = new Dictionary<string, object?>();
        if (version is not null)
        {
            document["Version"] = version;
        }

        document["Statement"] = asObject && statements.Count == 1 ? statements[0] : statements;
        return document;
    }

    private static Gen<Dictionary<string, object?>> StatementGen()
        => from sid in Gen.Elements("S1", "S2", "bad sid", string.Empty).OrNull()
           from effect in Gen.Elements(Effects).OrNull()
           from actionKey in Gen.Elements("Action", "NotAction", "Actions")
           from actions in ValueOrList(Actions)
           from resourceKey in Gen.Elements("Resource", "NotResource", "None")
           from resources in ValueOrList(Resources)
           from principal in PrincipalGen().OrNull()
           from condition in ConditionGen().OrNull()
           select BuildStatement(sid, effect, actionKey, actions, resourceKey, resources, principal, condition);

    private static Dictionary<string, object?> BuildStatement(string? sid, string? effect, string actionKey, object actions, string resourceKey, object resources, object? principal, object? condition)
    {
        var statement = new Dictionary<string, object?>();
        if (sid is not null)
        {
            statement["Sid"] = sid;
        }

        if (effect is not null)
        {
            statement["Effect"] = effect;
        }

        statement[actionKey] = actions;
        if (resourceKey != "None")
        {
            statement[resourceKey] = resources;
        }

        if (principal is not null)
        {
            statement["Principal"] = principal;
        }

        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return statement;
    }

    private static Gen<object> ValueOrList(string[] pool)
        => Gen.OneOf(
            Gen.Elements(pool).Select(v => (object)v),
            Between(Gen.Elements(pool), 0, 4).Select(v => (object)v.ToArray()),
            Gen.Constant((object)42));

    private static Gen<object> PrincipalGen()
        => Gen.OneOf(
            Gen.Constant((object)"*"),
            Gen.Elements("AWS", "Service", "Federated", "CanonicalUser", "Group").SelectMany(type =>
                Gen.Elements("*", "111122223333", "arn:aws:iam::111122223333:root", "ec2.amazonaws.com", "arn:aws:iam::*:role/x").Select(v => (object)new Dictionary<string, object> { [type] = v })));

    private static Gen<object> ConditionGen()
        => from op in Gen.Elements(Operators)
           from key in Gen.Elements(Keys)
           from values in Gen.OneOf(Gen.Elements(Values), Between(Gen.Elements(Values), 0, 3).Select(v => (object)v.ToArray()))
           select (object)new Dictionary<string, object> { [op] = new Dictionary<string, object> { [key] = values } };

    private static Gen<Func<string, string>> Mutation()
    {
        const string noise = "{}[]\",:\\ \n\tx9é\u0000\u00ff${*}";
        return Gen.OneOf(
            Gen.Choose(0, 10_000).Select<int, Func<string, string>>(at => t => t.Length == 0 ? t : t.Remove(at % t.Length, 1)),
            Gen.Choose(0, 10_000).SelectMany(at => Gen.Elements(noise.ToCharArray()).Select<char, Func<string, string>>(c => t => t.Insert(at % (t.Length + 1), c.ToString()))),
            Gen.Choose(0, 10_000).Select<int, Func<string, string>>(at => t => t.Substring(0, at % (t.Length + 1))),
            Gen.Choose(0, 10_000).Select<int, Func<string, string>>(at => t => t.Length < 2 ? t : t.Substring(at % t.Length) + t.Substring(0, at % t.Length)),
            Gen.Choose(0, 10_000).Select<int, Func<string, string>>(at => t => t.Insert(at % (t.Length + 1), t.Substring(0, Math.Min(t.Length, at % 50)))));
    }
}

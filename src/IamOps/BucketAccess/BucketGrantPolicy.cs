using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IamOps.Accounts;
using IamOps.Aws;
using IamOps.Policies;
using IamOps.Principals;

namespace IamOps.BucketAccess;

/// <summary>
/// The least-privilege statements of a bucket grant and the one policy per bucket that holds them. Each prefix's
/// statements carry Sids derived from the prefix, so a later grant replaces exactly its own prefix's statements,
/// a revoke removes exactly them, and any statement IamOps did not write is kept as it is.
/// </summary>
public static class BucketGrantPolicy
{
    /// <summary>Customer managed policies IamOps creates live under this path.</summary>
    public const string ManagedPolicyPath = "/iamops/";

    private const string SidPrefix = "IamOpsS3";
    private const string LocationSid = SidPrefix + "BucketLocation";
    private const int MaxPolicyNameLength = 128;
    private static readonly string[] Parts = { "List", "Objects", "Kms" };

    /// <summary>The inline policy of a principal that holds its grants on <paramref name="bucketName"/>.</summary>
    public static string InlinePolicyName(string bucketName) => "IamOps-S3-" + bucketName;

    /// <summary>The ARN of the managed policy <see cref="ManagedPolicyName"/> names, in <paramref name="account"/>.</summary>
    public static string ManagedPolicyArn(AccountContext account, string bucketName, PrincipalTarget principal) =>
        account.PolicyArn(ManagedPolicyName(bucketName, principal), ManagedPolicyPath);

    /// <summary>
    /// The managed policy holding one principal's grants on a bucket; its name includes the principal because managed
    /// policy names are unique in the account, and is cut with a hash when longer than IAM's 128 characters.
    /// </summary>
    public static string ManagedPolicyName(string bucketName, PrincipalTarget principal)
    {
        var name = $"IamOps-S3-{bucketName}-{principal.Kind.ToString().ToLowerInvariant()}-{principal.Name}";
        return name.Length <= MaxPolicyNameLength ? name : name.Substring(0, MaxPolicyNameLength - 9) + "-" + ShortHash(name);
    }

    /// <summary>The object actions of an access level; empty for List.</summary>
    public static IReadOnlyList<string> ObjectActions(BucketAccessLevel access, bool allowDelete)
    {
        var actions = new List<string>();
        if (access is BucketAccessLevel.Read or BucketAccessLevel.ReadWrite)
        {
            actions.Add("s3:GetObject");
        }

        if (access is BucketAccessLevel.Write or BucketAccessLevel.ReadWrite)
        {
            actions.Add("s3:PutObject");
            actions.Add("s3:AbortMultipartUpload");
        }

        if (allowDelete && access != BucketAccessLevel.List)
        {
            actions.Add("s3:DeleteObject");
        }

        return actions;
    }

    /// <summary>What SSE-KMS needs: Decrypt to read, GenerateDataKey to write (and Decrypt for multipart uploads).</summary>
    public static IReadOnlyList<string> KmsActions(BucketAccessLevel access) => access switch
    {
        BucketAccessLevel.Read => new[] { "kms:Decrypt" },
        BucketAccessLevel.List => Array.Empty<string>(),
        _ => new[] { "kms:Decrypt", "kms:GenerateDataKey" },
    };

    /// <summary>
    /// <paramref name="existingDocument"/> (null for a new policy) with the grant's prefix statements replaced by
    /// <paramref name="grant"/>'s, in a deterministic order so the same grants always give the same text.
    /// </summary>
    public static string Merge(string? existingDocument, string partition, BucketGrant grant, string what)
    {
        var document = existingDocument is null ? PolicyJson.NewDocument() : PolicyJson.Parse(existingDocument, what);
        var statements = PolicyJson.Statements(document);
        var tag = Tag(grant.Prefix);
        var kept = statements.Where(s => !IsOurs(s) || (GroupTag(s) is { } other && other != tag)).Select(s => s!.DeepClone()).ToList();
        kept.AddRange(Statements(partition, grant));
        Rebuild(document, statements, kept, partition, grant.BucketName);
        return PolicyJson.Write(document);
    }

    /// <summary>Takes out the statements of <paramref name="prefix"/> (normalized), or of every prefix when it is null.</summary>
    public static BucketGrantRemoval Remove(string existingDocument, string partition, string bucketName, string? prefix, string what)
    {
        var document = PolicyJson.Parse(existingDocument, what);
        var statements = PolicyJson.Statements(document);
        var tag = prefix is null ? null : Tag(prefix);
        bool Removed(JsonNode? s) => GroupTag(s) is { } t && (tag is null || t == tag);
        if (!statements.Any(Removed))
        {
            return new BucketGrantRemoval(false, existingDocument);
        }

        var kept = statements.Where(s => !Removed(s) && PolicyJson.Sid(s) != LocationSid).Select(s => s!.DeepClone()).ToList();
        if (kept.Count == 0)
        {
            return new BucketGrantRemoval(true, null);
        }

        Rebuild(document, statements, kept, partition, bucketName);
        return new BucketGrantRemoval(true, PolicyJson.Write(document));
    }

    /// <summary>The statements of one grant: list the prefix, read/write objects under it, use its KMS key through S3.</summary>
    public static IReadOnlyList<JsonObject> Statements(string partition, BucketGrant grant)
    {
        var tag = Tag(grant.Prefix);
        var bucketArn = BucketArn(partition, grant.BucketName);

        // A literal '$' in a key would start a policy variable; ${$} is IAM's escape for it.
        var prefix = grant.Prefix.Replace("$", "${$}");
        var list = Statement(SidPrefix + "List" + tag, new[] { "s3:ListBucket" }, bucketArn);
        if (prefix.Length > 0)
        {
            list["Condition"] = new JsonObject { ["StringLike"] = new JsonObject { ["s3:prefix"] = prefix + "*" } };
        }

        var result = new List<JsonObject> { list };
        var objectActions = ObjectActions(grant.Access, grant.AllowDelete);
        if (objectActions.Count > 0)
        {
            result.Add(Statement(SidPrefix + "Objects" + tag, objectActions, bucketArn + "/" + prefix + "*"));
        }

        if (grant.KmsKeyArn is not null && KmsActions(grant.Access).Count > 0)
        {
            var kms = Statement(SidPrefix + "Kms" + tag, KmsActions(grant.Access), grant.KmsKeyArn);
            kms["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["kms:ViaService"] = KmsKeyArns.S3ViaService(grant.KmsKeyArn) } };
            result.Add(kms);
        }

        return result;
    }

    public static string BucketArn(string partition, string bucketName) => $"arn:{partition}:s3:::{bucketName}";

    /// <summary>
    /// The Sid suffix of a prefix's statements: its letters and digits for a human reader, and a hash so that
    /// 'a-b/' and 'ab/' never share statements; 'Bucket' for the whole bucket.
    /// </summary>
    internal static string Tag(string prefix)
    {
        if (prefix.Length == 0)
        {
            return "Bucket";
        }

        var letters = new string(prefix.Where(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9').Take(24).ToArray());
        var readable = letters.Length == 0 ? "Prefix" : char.ToUpperInvariant(letters[0]) + letters.Substring(1);
        return readable + ShortHash(prefix);
    }

    private static void Rebuild(JsonObject document, JsonArray statements, List<JsonNode> kept, string partition, string bucketName)
    {
        // Statements IamOps did not write stay first and in their order; ours follow, grouped and ordered by prefix.
        var foreign = kept.Where(s => !IsOurs(s));
        var ours = kept.Where(s => GroupTag(s) is not null)
            .OrderBy(s => GroupTag(s), StringComparer.Ordinal)
            .ThenBy(s => Array.IndexOf(Parts, PartOf(s)));
        var location = ours.Any() ? new JsonNode[] { Statement(LocationSid, new[] { "s3:GetBucketLocation" }, BucketArn(partition, bucketName)) } : Array.Empty<JsonNode>();
        var ordered = foreign.Concat(location).Concat(ours).ToList();
        statements.Clear();
        foreach (var statement in ordered)
        {
            statements.Add(statement);
        }

        if (document["Version"] is null)
        {
            document["Version"] = PolicyJson.Version;
        }
    }

    private static JsonObject Statement(string sid, IReadOnlyList<string> actions, string resource) => new()
    {
        ["Sid"] = sid,
        ["Effect"] = "Allow",
        ["Action"] = PolicyJson.StringOrArray(actions),
        ["Resource"] = resource,
    };

    private static bool IsOurs(JsonNode? statement) => PolicyJson.Sid(statement)?.StartsWith(SidPrefix, StringComparison.Ordinal) == true;

    private static string? PartOf(JsonNode? statement)
    {
        var sid = PolicyJson.Sid(statement);
        return sid is null ? null : Parts.FirstOrDefault(p => sid.StartsWith(SidPrefix + p, StringComparison.Ordinal) && sid.Length > SidPrefix.Length + p.Length);
    }

    /// <summary>The prefix tag of one of our per-prefix statements; null for the shared location statement and foreign ones.</summary>
    private static string? GroupTag(JsonNode? statement)
    {
        var part = PartOf(statement);
        return part is null ? null : PolicyJson.Sid(statement)!.Substring(SidPrefix.Length + part.Length);
    }

    private static string ShortHash(string text)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        return string.Concat(hash.Take(4).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}

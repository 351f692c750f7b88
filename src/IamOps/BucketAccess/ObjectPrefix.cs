namespace IamOps.BucketAccess;

/// <summary>The key prefix a grant is limited to, in one normal form: no leading slash, ending with a slash, "" for the whole bucket.</summary>
public static class ObjectPrefix
{
    private const int MaxKeyLength = 1024;

    /// <summary>
    /// Normalizes <paramref name="prefix"/>: 'reports', '/reports' and 'reports/' all become 'reports/' (a folder, so
    /// 'reports-old/' is not included); wildcards and characters outside printable ASCII are refused.
    /// </summary>
    public static string Normalize(string? prefix)
    {
        var value = (prefix ?? string.Empty).Trim().TrimStart('/');
        if (value.Length == 0)
        {
            return string.Empty;
        }

        if (value.IndexOfAny(new[] { '*', '?' }) >= 0)
        {
            throw new IamOpsException("PrefixInvalid", FailureKind.InvalidArgument,
                $"-Prefix '{prefix}' contains a wildcard; give the folder itself (e.g. reports/): the grant already covers every key under it.", prefix);
        }

        if (value.Any(c => c < ' ' || c > '~') || value.Length >= MaxKeyLength)
        {
            throw new IamOpsException("PrefixInvalid", FailureKind.InvalidArgument,
                $"-Prefix '{prefix}' must be printable ASCII and shorter than S3's {MaxKeyLength}-character key limit.", prefix);
        }

        return value.EndsWith("/", StringComparison.Ordinal) ? value : value + "/";
    }

    /// <summary>Refuses a prefix that did not come through <see cref="Normalize"/>, so plans never see two spellings of one folder.</summary>
    public static void CheckNormalized(string prefix)
    {
        if (Normalize(prefix) != prefix)
        {
            throw new IamOpsException("PrefixInvalid", FailureKind.InvalidArgument, $"-Prefix '{prefix}' is not in normal form; expected '{Normalize(prefix)}'.", prefix);
        }
    }
}

using IamOps.Aws;

namespace IamOps.Audit.StaleCredentials;

/// <summary>
/// The users -Exclude leaves alone: by name (case-insensitive, as IAM names are), or by tag. Text with '=' is a tag
/// filter <c>key=value</c> (the key case-insensitive, the value exact; <c>key=*</c> any value); text with ':' and no
/// '=' is a tag key with any value (':' never appears in a user name).
/// </summary>
public sealed class StaleCredentialExclusion
{
    private readonly HashSet<string> _names;
    private readonly IReadOnlyList<(string Key, string? Value)> _tags;

    private StaleCredentialExclusion(HashSet<string> names, IReadOnlyList<(string Key, string? Value)> tags)
    {
        _names = names;
        _tags = tags;
    }

    /// <summary>Whether a tag filter is given: only then are users' tags read.</summary>
    public bool HasTagFilters => _tags.Count > 0;

    /// <summary>Parses -Exclude; an empty tag key is an error (ExcludeInvalid).</summary>
    public static StaleCredentialExclusion Parse(IEnumerable<string> exclude)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tags = new List<(string, string?)>();
        foreach (var item in exclude.Select(e => (e ?? string.Empty).Trim()).Where(e => e.Length > 0))
        {
            var equals = item.IndexOf('=');
            if (equals >= 0 || item.IndexOf(':') >= 0)
            {
                var key = (equals >= 0 ? item.Substring(0, equals) : item).Trim();
                var value = equals >= 0 ? item.Substring(equals + 1).Trim() : "*";
                if (key.Length == 0)
                {
                    throw new IamOpsException("ExcludeInvalid", FailureKind.InvalidArgument,
                        $"-Exclude '{item}' has no tag key: write a user name, or a tag filter such as iamops:break-glass=true.", item);
                }

                tags.Add((key, value == "*" ? null : value));
            }
            else
            {
                names.Add(item);
            }
        }

        return new StaleCredentialExclusion(names, tags);
    }

    /// <summary>The reason a user is excluded by name, or null.</summary>
    public string? ByName(string userName) => _names.Contains(userName) ? $"-Exclude {userName}" : null;

    /// <summary>The reason a user is excluded by one of its tags, or null.</summary>
    public string? ByTags(IReadOnlyList<IamTag> tags)
    {
        foreach (var (key, value) in _tags)
        {
            var tag = tags.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase) && (value is null || string.Equals(t.Value, value, StringComparison.Ordinal)));
            if (tag is not null)
            {
                return $"-Exclude {key}={value ?? "*"} (tag {tag.Key}={tag.Value})";
            }
        }

        return null;
    }
}

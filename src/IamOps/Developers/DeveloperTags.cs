using System.Collections;
using System.Text.RegularExpressions;
using IamOps.Aws;

namespace IamOps.Developers;

/// <summary>Tags from a hashtable or the CSV-friendly text <c>key=value;key2=value2</c>, checked against IAM's tag rules.</summary>
public static class DeveloperTags
{
    private const int MaxTags = 50;
    private static readonly Regex KeyPattern = new(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex ValuePattern = new(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static IReadOnlyList<IamTag> Parse(object? value)
    {
        var tags = new List<IamTag>();
        switch (value)
        {
            case null:
                break;
            case string text:
                foreach (var pair in text.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=');
                    if (equals <= 0)
                    {
                        throw new IamOpsException("TagInvalid", FailureKind.InvalidArgument, $"'{pair.Trim()}' is not a tag: write key=value, several separated by ';' (e.g. team=web;cost-center=42).", pair);
                    }

                    tags.Add(new IamTag(pair.Substring(0, equals).Trim(), pair.Substring(equals + 1).Trim()));
                }

                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    tags.Add(new IamTag(entry.Key.ToString() ?? string.Empty, entry.Value?.ToString() ?? string.Empty));
                }

                break;
            default:
                throw new IamOpsException("TagInvalid", FailureKind.InvalidArgument, $"-Tag takes a hashtable or text like 'team=web;owner=alice', not a {value.GetType().Name}.");
        }

        Check(tags);
        return tags;
    }

    private static void Check(List<IamTag> tags)
    {
        if (tags.Count > MaxTags)
        {
            throw new IamOpsException("TagLimitExceeded", FailureKind.LimitsExceeded, $"{tags.Count} tags were given; IAM allows at most {MaxTags} per user.");
        }

        var duplicate = tags.GroupBy(t => t.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new IamOpsException("TagInvalid", FailureKind.InvalidArgument, $"The tag key '{duplicate.Key}' is given more than once (keys are case-insensitive).", duplicate.Key);
        }

        foreach (var tag in tags)
        {
            if (!KeyPattern.IsMatch(tag.Key) || tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw new IamOpsException("TagInvalid", FailureKind.InvalidArgument, $"The tag key '{tag.Key}' is invalid: 1 to 128 letters, digits, spaces and _ . : / = + - @, not starting with 'aws:'.", tag.Key);
            }

            if (!ValuePattern.IsMatch(tag.Value))
            {
                throw new IamOpsException("TagInvalid", FailureKind.InvalidArgument, $"The value of tag '{tag.Key}' is invalid: at most 256 letters, digits, spaces and _ . : / = + - @.", tag.Key);
            }
        }
    }
}

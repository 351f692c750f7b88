using System.Text.RegularExpressions;

namespace IamOps.Simulator;

/// <summary>IAM's documented name, path, tag and length constraints, failing with the code and wording IAM uses.</summary>
internal static class IamNameRules
{
    public const string NamePattern = @"[\w+=,.@-]+";
    public const string PathPattern = @"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)";
    public const string AliasPattern = @"^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
    public const string SessionNamePattern = @"[\w+=,.@-]*";
    public const string ExternalIdPattern = @"[\w+=,.@:\/-]*";

    // IAM's patterns say \w, which in AWS (Java) means ASCII letters, digits and _; .NET's \w also takes other scripts' letters.
    private static readonly Regex Name = new("^" + Ascii(NamePattern) + "$", RegexOptions.CultureInvariant);
    private static readonly Regex PathRegex = new("^(" + PathPattern + ")$", RegexOptions.CultureInvariant);
    private static readonly Regex PolicyPath = new(@"^((/[A-Za-z0-9\.,\+@=_-]+)*)/$", RegexOptions.CultureInvariant);
    private static readonly Regex Alias = new(AliasPattern, RegexOptions.CultureInvariant);
    private static readonly Regex TagKey = new(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$", RegexOptions.CultureInvariant);
    private static readonly Regex TagValue = new(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.CultureInvariant);
    private static readonly Regex TwelveDigits = new(@"^\d{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex SessionName = new("^" + Ascii(SessionNamePattern) + "$", RegexOptions.CultureInvariant);
    private static readonly Regex ExternalId = new("^" + Ascii(ExternalIdPattern) + "$", RegexOptions.CultureInvariant);

    private static string Ascii(string awsPattern) => awsPattern.Replace(@"\w", "A-Za-z0-9_");

    /// <summary>A user, group, role, policy, instance profile or MFA device name.</summary>
    public static void CheckName(string member, string? value, int maxLength) => CheckPattern(member, value, 1, maxLength, Name, NamePattern);

    public static string CheckPath(string? value, string member = "path")
    {
        if (value is null)
        {
            return "/";
        }

        CheckLength(member, value, 1, 512);
        if (!PathRegex.IsMatch(value))
        {
            throw ServiceError.Constraint(member, value, "Member must satisfy regular expression pattern: " + PathPattern);
        }

        return value;
    }

    public static string CheckPolicyPath(string? value)
    {
        var path = CheckPath(value);
        if (!PolicyPath.IsMatch(path))
        {
            throw ServiceError.InvalidInput($"The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
        }

        return path;
    }

    public static void CheckAlias(string? value)
    {
        CheckPattern("accountAlias", value, 3, 63, Alias, AliasPattern);
        if (TwelveDigits.IsMatch(value!))
        {
            throw ServiceError.InvalidInput("The account alias cannot be a 12-digit number, which could be confused with an account ID.");
        }
    }

    public static void CheckDescription(string? value)
    {
        if (value is not null)
        {
            CheckLength("description", value, 0, 1000);
        }
    }

    /// <summary>Tag rules of every IAM Tag* and Create* call: at most 50 in all, keys unique ignoring case.</summary>
    public static void CheckTags(IReadOnlyCollection<Aws.IamTag> tags, int existingOthers = 0)
    {
        foreach (var tag in tags)
        {
            if (tag.Key is null || tag.Key.Length is < 1 or > 128 || !TagKey.IsMatch(tag.Key))
            {
                throw ServiceError.InvalidInput($"1 validation error detected: Value '{tag.Key}' at 'tags.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]+ and have length between 1 and 128");
            }

            if (tag.Value is null || tag.Value.Length > 256 || !TagValue.IsMatch(tag.Value))
            {
                throw ServiceError.InvalidInput($"1 validation error detected: Value at 'tags.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]* and have length at most 256");
            }
        }

        var distinct = new HashSet<string>(tags.Select(t => t.Key), StringComparer.OrdinalIgnoreCase);
        if (distinct.Count != tags.Count)
        {
            throw ServiceError.InvalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        }

        if (distinct.Count + existingOthers > 50)
        {
            throw ServiceError.LimitExceeded("The number of tags has reached the maximum limit.");
        }
    }

    public static void CheckSessionName(string? value) => CheckPattern("roleSessionName", value, 2, 64, SessionName, SessionNamePattern);

    public static void CheckExternalId(string? value)
    {
        if (value is not null)
        {
            CheckPattern("externalId", value, 2, 1224, ExternalId, ExternalIdPattern);
        }
    }

    /// <summary>Present, within its length, and matching its pattern: IAM's three model constraints on a string member.</summary>
    private static void CheckPattern(string member, string? value, int min, int max, Regex pattern, string patternText)
    {
        if (value is null)
        {
            throw ServiceError.Missing(member);
        }

        CheckLength(member, value, min, max);
        if (!pattern.IsMatch(value))
        {
            throw ServiceError.Constraint(member, value, "Member must satisfy regular expression pattern: " + patternText);
        }
    }

    public static void CheckLength(string member, string value, int min, int max)
    {
        if (value.Length < min)
        {
            throw ServiceError.Constraint(member, value, $"Member must have length greater than or equal to {min}");
        }

        if (value.Length > max)
        {
            throw ServiceError.Constraint(member, value, $"Member must have length less than or equal to {max}");
        }
    }

    public static void CheckRange(string member, int value, int min, int max)
    {
        if (value < min)
        {
            throw ServiceError.Constraint(member, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value greater than or equal to {min}");
        }

        if (value > max)
        {
            throw ServiceError.Constraint(member, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value less than or equal to {max}");
        }
    }
}

using System.Text.RegularExpressions;

namespace IamOps.Accounts;

/// <summary>IAM's name rules, checked offline before any call so a bad name never reaches AWS half-way through a run.</summary>
public static class IamNames
{
    private static readonly Regex NameCharacters = new(@"^[A-Za-z0-9_+=,.@-]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex AliasPattern = new("^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex PathPattern = new(@"^(/|/[\u0021-\u007E]+/)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex TwelveDigits = new(@"^\d{12}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static void CheckUserName(string name) => CheckName(name, "user", "UserNameInvalid", 64);

    public static void CheckGroupName(string name) => CheckName(name, "group", "GroupNameInvalid", 128);

    public static void CheckRoleName(string name) => CheckName(name, "role", "RoleNameInvalid", 64);

    public static void CheckPolicyName(string name) => CheckName(name, "policy", "PolicyNameInvalid", 128);

    public static void CheckPath(string path)
    {
        if (path.Length > 512 || !PathPattern.IsMatch(path))
        {
            throw new IamOpsException("PathInvalid", FailureKind.InvalidArgument,
                $"'{path}' is not an IAM path: it must be '/' or start and end with '/', with printable ASCII between, at most 512 characters (e.g. /engineering/).", path);
        }
    }

    public static void CheckAccountAlias(string alias)
    {
        if (!AliasPattern.IsMatch(alias) || TwelveDigits.IsMatch(alias))
        {
            throw new IamOpsException("AccountAliasInvalid", FailureKind.InvalidArgument,
                $"'{alias}' is not a valid account alias: use 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, and not a 12-digit number (e.g. acme-prod).", alias);
        }
    }

    private static void CheckName(string name, string kind, string errorId, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength || !NameCharacters.IsMatch(name))
        {
            throw new IamOpsException(errorId, FailureKind.InvalidArgument,
                $"'{name}' is not a valid IAM {kind} name: use 1 to {maxLength} letters, digits and + = , . @ _ - (no spaces).", name);
        }
    }
}

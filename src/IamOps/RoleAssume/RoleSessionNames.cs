using System.Text;

namespace IamOps.RoleAssume;

/// <summary>The default role session name: the caller's own name, made to fit STS's pattern and length.</summary>
public static class RoleSessionNames
{
    public static string From(string callerName)
    {
        var name = new StringBuilder(callerName.Length);
        foreach (var character in callerName)
        {
            name.Append(char.IsLetterOrDigit(character) || character == '_' || "+=,.@-".IndexOf(character) >= 0 ? character : '-');
        }

        var text = name.ToString();
        if (text.Length < 2)
        {
            text = "iamops-" + text;
        }

        return text.Length > 64 ? text.Substring(0, 64) : text;
    }
}

namespace IamOps.Policy.Evaluation;

/// <summary>A Resource value or Arn* condition value: matched part by part when it is an ARN, else as one case-sensitive glob.</summary>
internal sealed class ArnPattern
{
    private readonly WildcardPattern? whole;
    private readonly WildcardPattern[]? parts;
    private readonly string requiredPrefix;
    private readonly int firstUncheckedPart;

    private ArnPattern(string text, bool variables, WildcardPattern? whole, WildcardPattern[]? parts)
    {
        this.whole = whole;
        this.parts = parts;
        requiredPrefix = LiteralPrefix(text);
        Signature = (variables ? "v:" : "l:") + text;

        // Parts that lie wholly inside the literal prefix are already matched by the prefix compare.
        firstUncheckedPart = Math.Min(5, requiredPrefix.Count(c => c == ':'));
    }

    /// <summary>Equal for patterns that always match alike.</summary>
    public string Signature { get; }

    public static ArnPattern Compile(string text, bool variables)
    {
        var arn = new ArnParts(text);
        if (!arn.IsArn)
        {
            return new ArnPattern(text, variables, WildcardPattern.Compile(text, wildcards: true, variables), null);
        }

        var compiled = new WildcardPattern[6];
        for (var i = 0; i < 6; i++)
        {
            compiled[i] = WildcardPattern.Compile(arn.PartText(i), wildcards: true, variables);
        }

        return new ArnPattern(text, variables, null, compiled);
    }

    public bool IsMatch(in ArnParts value, IVariableResolver? variables)
    {
        // Most patterns differ from the request early: a prefix compare rejects them before the part-by-part match.
        if (!value.Text.StartsWith(requiredPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (whole is not null)
        {
            return whole.IsMatch(value.Text.AsSpan(), StringComparison.Ordinal, variables);
        }

        if (!value.IsArn)
        {
            return false;
        }

        // The resource part is most selective, so it goes first.
        if (!parts![5].IsMatch(value.Part(5), StringComparison.Ordinal, variables))
        {
            return false;
        }

        for (var i = firstUncheckedPart; i < 5; i++)
        {
            if (!parts[i].IsMatch(value.Part(i), StringComparison.Ordinal, variables))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text before the first wildcard or variable: every match starts with it.</summary>
    private static string LiteralPrefix(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '*' or '?' || (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{'))
            {
                return text.Substring(0, i);
            }
        }

        return text;
    }
}

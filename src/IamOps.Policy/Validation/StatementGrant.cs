using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>What a statement grants, read once, so statements can be compared pairwise cheaply for redundancy.</summary>
internal sealed class StatementGrant
{
    private readonly PolicyStatement statement;
    private readonly bool comparable;
    private readonly WildcardPattern[] actionPatterns;
    private readonly string[] actionTexts;
    private readonly WildcardPattern[]? resourcePatterns;
    private readonly string[]? resourceTexts;
    private readonly string conditionKey;
    private readonly string principalKey;
    private readonly ulong serviceMask;

    public StatementGrant(PolicyStatement statement)
    {
        this.statement = statement;
        comparable = statement.Effect is not null && statement.Action is not null && statement.NotResource is null && statement.NotPrincipal is null;
        actionTexts = statement.Action?.Select(a => a.Text).ToArray() ?? Array.Empty<string>();
        actionPatterns = actionTexts.Select(WildcardPattern.CompileShared).ToArray();
        resourceTexts = statement.Resource?.Select(r => r.Text).ToArray();
        resourcePatterns = resourceTexts?.Select(WildcardPattern.CompileShared).ToArray();
        serviceMask = ServiceMask(actionTexts);
        conditionKey = string.Join("\u0001", statement.Conditions.Select(c => c.Operator + "\u0002" + c.Key.ToUpperInvariant() + "\u0002" + string.Join("\u0003", c.Values.Select(v => v.Text))));
        principalKey = statement.Principal is null ? string.Empty
            : statement.Principal.IsWildcard ? "*"
            : string.Join("|", statement.Principal.Entries.Select(e => e.Type + "=" + string.Join(",", e.Values.Select(v => v.Text))));
    }

    /// <summary>True when this statement grants at least everything <paramref name="inner"/> does.</summary>
    public bool Contains(StatementGrant inner)
    {
        // Each service prefix sets one bit: a statement missing one of the other's services cannot contain it.
        if ((inner.serviceMask & ~serviceMask) != 0)
        {
            return false;
        }

        if (!comparable || !inner.comparable || statement.Effect!.Text != inner.statement.Effect!.Text || principalKey != inner.principalKey)
        {
            return false;
        }

        // A condition narrows a statement, so only an unconditioned or identically conditioned one can contain another.
        if (conditionKey.Length > 0 && conditionKey != inner.conditionKey)
        {
            return false;
        }

        if (!CoversAll(actionPatterns, inner.actionTexts, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (resourcePatterns is null || inner.resourceTexts is null)
        {
            return resourcePatterns is null && inner.resourceTexts is null;
        }

        return CoversAll(resourcePatterns, inner.resourceTexts, StringComparison.Ordinal);
    }

    private static ulong ServiceMask(string[] actions)
    {
        var mask = 0UL;
        foreach (var action in actions)
        {
            var colon = action.IndexOf(':');
            var prefix = colon < 0 ? action : action.Substring(0, colon);
            if (WildcardCharacters.AnyIn(prefix))
            {
                return ulong.MaxValue;
            }

            var hash = 0u;
            foreach (var c in prefix)
            {
                hash = (hash * 31) + char.ToLowerInvariant(c);
            }

            mask |= 1UL << (int)(hash % 64);
        }

        return mask;
    }

    private static bool CoversAll(WildcardPattern[] outer, string[] inner, StringComparison comparison)
    {
        foreach (var text in inner)
        {
            var covered = false;
            foreach (var pattern in outer)
            {
                if (pattern.IsMatch(text.AsSpan(), comparison))
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
            {
                return false;
            }
        }

        return true;
    }
}

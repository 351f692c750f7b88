using IamOps.Policy.Evaluation;

namespace IamOps.Policy.Validation;

/// <summary>What a statement grants, read once, so statements can be compared pairwise cheaply for redundancy.</summary>
internal sealed class StatementGrant
{
    private readonly PolicyStatement statement;
    private readonly bool comparable;
    private readonly WildcardPattern[] actionPatterns;
    private readonly PolicyValueList? actionTexts;
    private readonly WildcardPattern[]? resourcePatterns;
    private readonly PolicyValueList? resourceTexts;
    private string? conditionKey;
    private string? principalKey;
    private readonly ulong serviceMask;

    public StatementGrant(PolicyStatement statement)
    {
        this.statement = statement;
        comparable = statement.Effect is not null && statement.Action is not null && statement.NotResource is null && statement.NotPrincipal is null;
        actionTexts = statement.Action;
        actionPatterns = Compile(actionTexts) ?? Array.Empty<WildcardPattern>();
        resourceTexts = statement.Resource;
        resourcePatterns = Compile(resourceTexts);
        serviceMask = ServiceMask(actionTexts);
    }

    /// <summary>True when this statement grants at least everything <paramref name="inner"/> does.</summary>
    public bool Contains(StatementGrant inner)
    {
        // Each service prefix sets one bit: a statement missing one of the other's services cannot contain it.
        if ((inner.serviceMask & ~serviceMask) != 0)
        {
            return false;
        }

        if (!comparable || !inner.comparable || statement.Effect!.Text != inner.statement.Effect!.Text)
        {
            return false;
        }

        if (inner.actionTexts is null || !CoversAll(actionPatterns, inner.actionTexts, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (resourcePatterns is null || inner.resourceTexts is null)
        {
            if (resourcePatterns is not null || inner.resourceTexts is not null)
            {
                return false;
            }
        }
        else if (!CoversAll(resourcePatterns, inner.resourceTexts, StringComparison.Ordinal))
        {
            return false;
        }

        // A condition narrows a statement, so only an unconditioned or identically conditioned one can contain another.
        if (statement.Conditions.Count > 0 && ConditionKey() != inner.ConditionKey())
        {
            return false;
        }

        return PrincipalKey() == inner.PrincipalKey();
    }

    private string ConditionKey()
        => conditionKey ??= string.Join("\u0001", statement.Conditions.Select(c => c.Operator + "\u0002" + c.Key.ToUpperInvariant() + "\u0002" + string.Join("\u0003", c.Values.Select(v => v.Text))));

    private string PrincipalKey()
        => principalKey ??= statement.Principal is null ? string.Empty
            : statement.Principal.IsWildcard ? "*"
            : string.Join("|", statement.Principal.Entries.Select(e => e.Type + "=" + string.Join(",", e.Values.Select(v => v.Text))));

    private static WildcardPattern[]? Compile(PolicyValueList? values)
    {
        if (values is null)
        {
            return null;
        }

        var patterns = new WildcardPattern[values.Count];
        for (var i = 0; i < patterns.Length; i++)
        {
            patterns[i] = WildcardPattern.CompileShared(values[i].Text);
        }

        return patterns;
    }

    private static ulong ServiceMask(PolicyValueList? actions)
    {
        var mask = 0UL;
        foreach (var value in actions ?? (IEnumerable<PolicyValue>)Array.Empty<PolicyValue>())
        {
            var action = value.Text;
            var colon = action.IndexOf(':');
            var length = colon < 0 ? action.Length : colon;
            if (WildcardCharacters.AnyIn(action, length))
            {
                return ulong.MaxValue;
            }

            var hash = 0u;
            for (var i = 0; i < length; i++)
            {
                hash = (hash * 31) + char.ToLowerInvariant(action[i]);
            }

            mask |= 1UL << (int)(hash % 64);
        }

        return mask;
    }

    private static bool CoversAll(WildcardPattern[] outer, PolicyValueList inner, StringComparison comparison)
    {
        foreach (var value in inner)
        {
            var text = value.Text;
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

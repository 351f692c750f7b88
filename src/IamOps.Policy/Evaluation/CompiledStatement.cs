namespace IamOps.Policy.Evaluation;

/// <summary>A statement ready to evaluate: wildcards and condition values compiled, with the place of its policy in the set.</summary>
internal sealed class CompiledStatement
{
    private readonly WildcardPattern[] actions;
    private readonly bool notAction;
    private readonly ArnPattern[]? resources;
    private readonly bool notResource;
    private readonly PrincipalMatcher? principal;
    private readonly bool notPrincipal;
    private readonly CompiledCondition[] conditions;

    public CompiledStatement(PolicyStatement statement, bool variables)
    {
        Statement = statement;
        IsDeny = statement.IsDeny;
        IsUsable = (statement.IsAllow || statement.IsDeny) && (statement.Action ?? statement.NotAction) is not null;
        notAction = statement.Action is null && statement.NotAction is not null;
        actions = (statement.Action ?? statement.NotAction ?? (IReadOnlyList<PolicyValue>)Array.Empty<PolicyValue>())
            .Select(a => WildcardPattern.Compile(a.Text, wildcards: true, variables: false)).ToArray();
        var resourceList = statement.Resource ?? statement.NotResource;
        notResource = statement.Resource is null && statement.NotResource is not null;
        resources = resourceList?.Select(r => ArnPattern.Compile(r.Text, variables)).ToArray();
        var principalElement = statement.Principal ?? statement.NotPrincipal;
        notPrincipal = statement.Principal is null && statement.NotPrincipal is not null;
        principal = principalElement is null ? null : new PrincipalMatcher(principalElement);
        conditions = statement.Conditions.Select(c => new CompiledCondition(c, variables)).ToArray();
    }

    public PolicyStatement Statement { get; }

    /// <summary>The Resource or NotResource patterns; null for trust policies without them.</summary>
    public IReadOnlyList<ArnPattern>? Resources => resources;

    public IReadOnlyList<CompiledCondition> Conditions => conditions;

    public bool IsDeny { get; }

    /// <summary>True when the statement has a Principal or NotPrincipal element.</summary>
    public bool HasPrincipal => principal is not null;

    /// <summary>True when the statement names its principals through NotPrincipal.</summary>
    public bool UsesNotPrincipal => notPrincipal;

    /// <summary>False when Effect or Action is missing or invalid: IAM would reject it, so it never applies.</summary>
    public bool IsUsable { get; }

    public bool MatchesAction(string action)
    {
        var any = false;
        foreach (var pattern in actions)
        {
            if (pattern.IsMatch(action.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                any = true;
                break;
            }
        }

        return any != notAction;
    }

    /// <summary>Matches the resource; <paramref name="slots"/> numbers each pattern so the set decides shared ones once per request.</summary>
    public bool MatchesResource(in ArnParts resource, EvaluationState state, int[] slots)
    {
        if (resources is null)
        {
            // Trust policies have no Resource element: the role itself is the resource.
            return true;
        }

        var any = false;
        for (var i = 0; i < resources.Length; i++)
        {
            if (!state.TryRecall(slots[i], out var matched))
            {
                matched = state.Remember(slots[i], resources[i].IsMatch(resource, state));
            }

            if (matched)
            {
                any = true;
                break;
            }
        }

        return any != notResource;
    }

    /// <summary>How the statement's principal element names the caller; Direct when the statement has none (identity policies).</summary>
    public PrincipalGrant MatchPrincipal(AuthorizationRequest request)
    {
        if (principal is null)
        {
            return PrincipalGrant.Direct;
        }

        var grant = principal.Match(request);
        if (!notPrincipal)
        {
            return grant;
        }

        // NotPrincipal exempts only principals it names exactly: listing a role or the account does not exempt its sessions or users.
        return grant == PrincipalGrant.Direct ? PrincipalGrant.None : PrincipalGrant.Direct;
    }

    public bool MatchesConditions(EvaluationState state, int[] slots)
    {
        for (var i = 0; i < conditions.Length; i++)
        {
            if (!state.TryRecall(slots[i], out var holds))
            {
                holds = state.Remember(slots[i], conditions[i].Evaluate(state));
            }

            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    public void CollectMissingKeys(EvaluationState state, ICollection<string> missing)
    {
        foreach (var condition in conditions)
        {
            if (condition.ReportsMissing(state) && !missing.Contains(condition.Key))
            {
                missing.Add(condition.Key);
            }
        }
    }
}

namespace IamOps.Policy;

/// <summary>A decision with its explanation.</summary>
public sealed class PolicyDecision
{
    private readonly Func<string> explain;
    private string? explanation;

    internal PolicyDecision(EvaluationDecision decision, IReadOnlyList<MatchedStatement> matchedStatements, IReadOnlyList<string> missingContextKeys, Func<string> explain, PolicySource? decidedBy)
    {
        Decision = decision;
        MatchedStatements = matchedStatements;
        MissingContextKeys = missingContextKeys;
        this.explain = explain;
        DecidedBy = decidedBy;
    }

    /// <summary>Allowed, ExplicitDeny or ImplicitDeny.</summary>
    public EvaluationDecision Decision { get; }

    /// <summary>For ExplicitDeny the denying statements; otherwise the Allow statements that applied.</summary>
    public IReadOnlyList<MatchedStatement> MatchedStatements { get; }

    /// <summary>Condition keys that statements matching the action and resource read but the request did not carry.</summary>
    public IReadOnlyList<string> MissingContextKeys { get; }

    /// <summary>
    /// Why, naming the policy type that decided: the explicit deny (document, statement, line), or for an implicit deny
    /// the layer without an allow ("no identity policy allows ...", "SCP level 2 does not allow ...").
    /// </summary>
    public string Explanation => explanation ??= explain();

    /// <summary>The kind of policy that decided; null when no policy did (the root user, or nothing applied at all).</summary>
    public PolicySource? DecidedBy { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Decision}: {Explanation}";
}

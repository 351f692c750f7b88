namespace IamOps.Policy;

/// <summary>A decision with its explanation.</summary>
public sealed class PolicyDecision
{
    internal PolicyDecision(EvaluationDecision decision, IReadOnlyList<MatchedStatement> matchedStatements, IReadOnlyList<string> missingContextKeys)
    {
        Decision = decision;
        MatchedStatements = matchedStatements;
        MissingContextKeys = missingContextKeys;
    }

    /// <summary>Allowed, ExplicitDeny or ImplicitDeny.</summary>
    public EvaluationDecision Decision { get; }

    /// <summary>For ExplicitDeny the denying statements; otherwise the Allow statements that applied.</summary>
    public IReadOnlyList<MatchedStatement> MatchedStatements { get; }

    /// <summary>Condition keys that statements matching the action and resource read but the request did not carry.</summary>
    public IReadOnlyList<string> MissingContextKeys { get; }

    /// <inheritdoc />
    public override string ToString() => Decision.ToString();
}

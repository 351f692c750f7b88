using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>Test-IamPolicy's answer for one action on one resource.</summary>
public sealed record PolicyCheckDecision
{
    /// <summary>The principal the question was asked for (an ARN).</summary>
    public string Principal { get; init; } = string.Empty;

    public string Action { get; init; } = string.Empty;

    public string Resource { get; init; } = "*";

    public EvaluationDecision Decision { get; init; }

    /// <summary>Why: the explicit deny, or the layer that had no allow ("no identity policy allows ...", "SCP level 2 does not allow ..."); empty for -Remote.</summary>
    public string Explanation { get; init; } = string.Empty;

    /// <summary>The kind of policy that decided (Identity, PermissionsBoundary, Session, Resource, ServiceControl, ResourceControl); null when none did.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>For ExplicitDeny the denying statements; otherwise the Allow statements that applied.</summary>
    public IReadOnlyList<DecidingStatement> MatchedStatements { get; init; } = Array.Empty<DecidingStatement>();

    /// <summary>Condition keys the deciding policies read that the request did not carry.</summary>
    public IReadOnlyList<string> MissingContextKeys { get => _missingContextKeys; init => _missingContextKeys = TextList.From(value); }

    private readonly TextList _missingContextKeys = TextList.Empty;

    /// <summary>True when IAM's policy simulator decided (-Remote), false when IamOps decided offline.</summary>
    public bool Remote { get; init; }

    public bool IsAllowed => Decision == EvaluationDecision.Allowed;
}

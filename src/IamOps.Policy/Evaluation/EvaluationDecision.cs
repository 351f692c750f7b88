namespace IamOps.Policy;

/// <summary>The outcome of an authorization request, as the IAM policy simulator names it.</summary>
public enum EvaluationDecision
{
    /// <summary>Allowed: no explicit deny and every required policy allows.</summary>
    Allowed,

    /// <summary>A matching Deny statement in any policy.</summary>
    ExplicitDeny,

    /// <summary>Nothing denies, but a required policy does not allow.</summary>
    ImplicitDeny,
}

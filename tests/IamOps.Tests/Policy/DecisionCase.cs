using IamOps.Policy;

namespace IamOps.Tests.Policy;

/// <summary>One documented request and the decision the AWS page says IAM makes.</summary>
public sealed record DecisionCase(string Id, string Page, string Url, PolicySet Policies, AuthorizationRequest Request, EvaluationDecision Expected, string Why, string[]? Missing);

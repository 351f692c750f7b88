using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>Decide mode offline: compiles the request's policies once and asks the engine for every action × resource.</summary>
public static class LocalDecider
{
    public static IReadOnlyList<PolicyCheckDecision> Decide(DecisionRequest request)
    {
        var set = new PolicySet(
            request.IdentityPolicies.Select(Compile),
            request.PermissionsBoundary is null ? null : Compile(request.PermissionsBoundary),
            request.SessionPolicy is null ? null : Compile(request.SessionPolicy),
            request.ServiceControlPolicies.Select(Compile),
            request.ResourcePolicy is null ? null : Compile(request.ResourcePolicy));
        var context = new RequestContext();
        foreach (var entry in request.Context)
        {
            context.Set(entry.Key, entry.Value);
        }

        var decisions = new List<PolicyCheckDecision>();
        foreach (var action in request.Actions)
        {
            foreach (var resource in request.Resources)
            {
                var explained = set.Evaluate(new AuthorizationRequest(request.PrincipalArn, action, resource, context));
                decisions.Add(new PolicyCheckDecision
                {
                    Principal = request.PrincipalArn,
                    Action = action,
                    Resource = resource,
                    Decision = explained.Decision,
                    MatchedStatements = explained.MatchedStatements.Select(m => new DecidingStatement
                    {
                        PolicyId = m.PolicyId,
                        PolicyKind = m.Source.ToString(),
                        StatementIndex = m.StatementIndex,
                        Sid = m.Sid,
                        IsDeny = m.IsDeny,
                        Line = m.Location.Line,
                        Column = m.Location.Column,
                    }).ToList(),
                    MissingContextKeys = explained.MissingContextKeys,
                });
            }
        }

        return decisions;
    }

    // A document IAM would reject cannot stand for a policy in a decision: deciding without it would mislead.
    private static CompiledPolicy Compile(SourcedPolicy policy)
    {
        if (!policy.Document.IsWellFormed)
        {
            var problems = policy.Document.ParseFindings.Where(f => f.Severity == FindingSeverity.Error).Select(f => $"{f.Location} {f.CheckId}: {f.Message}");
            throw new IamOpsException("PolicyDocumentMalformed", FailureKind.InvalidData,
                $"{policy.Source} is not a well-formed policy, so no decision is made: {string.Join("; ", problems)}. Run Test-IamPolicy without -Action to see every finding.", policy.Source);
        }

        return CompiledPolicy.Compile(policy.Document, policy.Source);
    }
}

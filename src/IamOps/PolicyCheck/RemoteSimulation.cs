using IamOps.Aws;
using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>-Remote: the same question put to IAM's policy simulator, its answers in Test-IamPolicy's output shape.</summary>
public static class RemoteSimulation
{
    /// <summary>SimulatePrincipalPolicy: IAM reads the principal's policies itself.</summary>
    public static async Task<IReadOnlyList<PolicyCheckDecision>> SimulatePrincipalAsync(IIam iam, string principalArn, DecisionRequest request, CancellationToken cancellationToken)
    {
        RejectUnsupported(request);
        var simulation = new SimulatePrincipalPolicyRequest
        {
            PolicySourceArn = principalArn,
            ActionNames = request.Actions,
            ResourceArns = ResourceArns(request),
            ResourcePolicy = (request.TrustPolicy ?? request.ResourcePolicy)?.Document.ToJson(),
            ContextEntries = ContextEntries(request),
        };
        return ToDecisions(principalArn, await AskAsync(() => iam.SimulatePrincipalPolicyAsync(simulation, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>SimulateCustomPolicy: the given documents, sent in canonical form (IAM's positions refer to that text).</summary>
    public static async Task<IReadOnlyList<PolicyCheckDecision>> SimulateCustomAsync(IIam iam, DecisionRequest request, CancellationToken cancellationToken)
    {
        RejectUnsupported(request);
        var simulation = new SimulateCustomPolicyRequest
        {
            Policies = request.IdentityPolicies.Select(p => p.Document.ToJson()).ToList(),
            PermissionsBoundaryPolicies = request.PermissionsBoundary is null ? Array.Empty<string>() : new[] { request.PermissionsBoundary.Document.ToJson() },
            ActionNames = request.Actions,
            ResourceArns = ResourceArns(request),
            ResourcePolicy = (request.TrustPolicy ?? request.ResourcePolicy)?.Document.ToJson(),
            CallerArn = request.TrustPolicy is null && request.ResourcePolicy is null ? null : request.PrincipalArn ?? DecisionRequest.DefaultPrincipalArn,
            ContextEntries = ContextEntries(request),
        };
        return ToDecisions(request.PrincipalArn ?? DecisionRequest.DefaultPrincipalArn, await AskAsync(() => iam.SimulateCustomPolicyAsync(simulation, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    // A connection that cannot simulate says so with NotSupportedException; the user needs a next step, not a crash.
    private static async Task<List<PolicySimulationResult>> AskAsync(Func<IAsyncEnumerable<PolicySimulationResult>> simulate, CancellationToken cancellationToken)
    {
        try
        {
            return await IamLookup.ToListAsync(simulate(), cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException unsupported)
        {
            throw new IamOpsException("RemoteSimulationUnavailable", FailureKind.InvalidOperation,
                $"This connection cannot run IAM's policy simulator ({unsupported.Message}). Drop -Remote to decide locally from the same policies.", null, unsupported);
        }
    }

    private static void RejectUnsupported(DecisionRequest request)
    {
        if (request.SessionPolicy is not null || request.ServiceControlLevels.Count > 0 || request.ResourceControlLevels.Count > 0)
        {
            throw new IamOpsException("RemoteSimulationUnsupported", FailureKind.InvalidArgument,
                "IAM's policy simulator takes no session policy and no service or resource control policies; drop -SessionPolicy, -ServiceControlPolicy and -ResourceControlPolicy, or drop -Remote to decide locally.");
        }
    }

    private static IReadOnlyList<string> ResourceArns(DecisionRequest request) =>
        request.Resources.Count == 1 && request.Resources[0] == "*" ? Array.Empty<string>() : request.Resources;

    // IAM compares context values by the type they are sent as, so each key goes with the catalog's type for it.
    private static IReadOnlyList<SimulationContextEntry> ContextEntries(DecisionRequest request) =>
        request.Context.Select(entry =>
        {
            var key = ActionCatalog.Default.FindConditionKey(entry.Key);
            var type = key?.ValueType switch
            {
                ConditionValueType.Numeric => "numeric",
                ConditionValueType.Bool => "boolean",
                ConditionValueType.Date => "date",
                ConditionValueType.IPAddress => "ip",
                ConditionValueType.Binary => "binary",
                _ => "string",
            };
            var multivalued = entry.Value.Count != 1 || key?.IsMultivalued == true;
            return new SimulationContextEntry { ContextKeyName = entry.Key, ContextKeyType = multivalued ? type + "List" : type, ContextKeyValues = entry.Value };
        }).ToList();

    private static List<PolicyCheckDecision> ToDecisions(string principalArn, IEnumerable<PolicySimulationResult> results)
    {
        var decisions = new List<PolicyCheckDecision>();
        foreach (var result in results)
        {
            if (result.ResourceResults.Count == 0)
            {
                decisions.Add(ToDecision(principalArn, result.ActionName, result.ResourceName, result.Decision, result.MatchedStatements, result.MissingContextValues));
                continue;
            }

            decisions.AddRange(result.ResourceResults.Select(r => ToDecision(principalArn, result.ActionName, r.ResourceName, r.Decision, r.MatchedStatements, r.MissingContextValues)));
        }

        return decisions;
    }

    private static PolicyCheckDecision ToDecision(string principalArn, string action, string resource, SimulationDecision decision, IReadOnlyList<SimulationMatchedStatement> matched, IReadOnlyList<string> missing) => new()
    {
        Principal = principalArn,
        Action = action,
        Resource = resource,
        Decision = decision switch
        {
            SimulationDecision.Allowed => EvaluationDecision.Allowed,
            SimulationDecision.ExplicitDeny => EvaluationDecision.ExplicitDeny,
            _ => EvaluationDecision.ImplicitDeny,
        },
        MatchedStatements = matched.Select(m => new DecidingStatement
        {
            PolicyId = m.SourcePolicyId,
            PolicyKind = m.SourcePolicyType,
            Line = m.StartLine ?? 0,
            Column = m.StartColumn ?? 0,
        }).ToList(),
        MissingContextKeys = missing,
        Remote = true,
    };
}

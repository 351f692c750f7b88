using System.Globalization;
using IamOps.Policy;

namespace IamOps.PolicyCheck;

/// <summary>
/// Decide mode offline: validates every document first (a document IAM or Access Analyzer calls an error gets a failure
/// and no decision is made), checks each action against the catalog and each resource against the action's resource
/// types, then compiles the policies once and asks the engine for every action × resource.
/// </summary>
public static class LocalDecider
{
    public static DecisionOutcome Decide(DecisionRequest request)
    {
        var failures = request.Documents().Select(d => Invalid(d.Policy, d.Type, request.AttachedTo)).Where(f => f is not null).Select(f => f!).ToList();
        if (failures.Count > 0)
        {
            return new DecisionOutcome(Array.Empty<PolicyCheckDecision>(), failures);
        }

        var catalog = ActionCatalog.Default;
        // One compiled set per resource-side policy: the resource policy, or a role's trust policy.
        var sets = new Dictionary<SourcedPolicy, PolicySet>();
        var noResourcePolicy = new Lazy<PolicySet>(() => Compile(request, null));
        PolicySet SetFor(string resource)
        {
            var side = ResourceNames.IsRole(resource)
                ? request.TrustPolicy ?? (request.RoleTrustPolicies.TryGetValue(resource, out var read) ? read : request.ResourcePolicy)
                : request.ResourcePolicy;
            if (side is null)
            {
                return noResourcePolicy.Value;
            }

            if (!sets.TryGetValue(side, out var set))
            {
                set = sets[side] = Compile(request, side);
            }

            return set;
        }

        var context = new RequestContext();
        foreach (var tag in request.PrincipalTags)
        {
            context.Set("aws:PrincipalTag/" + tag.Key, tag.Value);
        }

        foreach (var entry in request.Context)
        {
            context.Set(entry.Key, entry.Value);
        }

        var decisions = new List<PolicyCheckDecision>();
        var skipped = new List<(string Action, string Resource)>();
        foreach (var action in request.Actions)
        {
            var known = catalog.FindAction(action);
            if (known is null)
            {
                failures.Add(UnknownAction(action, catalog));
                continue;
            }

            foreach (var resource in request.Resources)
            {
                if (!known.AcceptsResource(resource))
                {
                    if (request.PatternActions.Contains(action))
                    {
                        skipped.Add((known.FullName, resource));
                    }
                    else
                    {
                        failures.Add(ResourceMismatch(known, resource));
                    }

                    continue;
                }

                var principal = request.PrincipalArn ?? DefaultPrincipal(request.ResourceAccount ?? ResourceNames.AccountOf(resource));
                var explained = SetFor(resource).Evaluate(new AuthorizationRequest(principal, action, resource, context) { ResourceAccount = request.ResourceAccount });
                decisions.Add(new PolicyCheckDecision
                {
                    Principal = principal,
                    Action = known.FullName,
                    Resource = resource,
                    Decision = explained.Decision,
                    Explanation = explained.Explanation,
                    DecidedBy = explained.DecidedBy?.ToString(),
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

        // A pattern (s3:Get*) is decided for the actions that act on the resource; one that none of them acts on is an error.
        foreach (var resource in skipped.Select(s => s.Resource).Distinct(StringComparer.Ordinal).Where(r => !decisions.Any(d => d.Resource == r && request.PatternActions.Contains(d.Action))))
        {
            var names = skipped.Where(s => s.Resource == resource).Select(s => s.Action).ToList();
            failures.Add(new IamOpsException("ResourceTypeMismatch", FailureKind.InvalidArgument,
                $"'{resource}' is not a resource any of the {names.Count} action(s) matching the -Action pattern acts on ({string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", ..." : string.Empty)}), so nothing is decided for it. Give an ARN those actions take, or '*'.", resource));
        }

        return new DecisionOutcome(decisions, failures);
    }

    /// <summary>The user PolicyTester in the resource's account, so a request without -PrincipalArn is a same-account request.</summary>
    public static string DefaultPrincipal(string? account)
        => account is null ? DecisionRequest.DefaultPrincipalArn : $"arn:aws:iam::{account}:user/{DecisionRequest.DefaultPrincipalName}";

    private static PolicySet Compile(DecisionRequest request, SourcedPolicy? resourcePolicy) => new(new PolicySetOptions
    {
        IdentityPolicies = request.IdentityPolicies.Select(Compile).ToList(),
        PermissionsBoundary = request.PermissionsBoundary is null ? null : Compile(request.PermissionsBoundary),
        SessionPolicy = request.SessionPolicy is null ? null : Compile(request.SessionPolicy),
        ResourcePolicy = resourcePolicy is null ? null : Compile(resourcePolicy),
        ServiceControlLevels = request.ServiceControlLevels.Select(l => (IReadOnlyList<CompiledPolicy>)l.Select(Compile).ToList()).ToList(),
        ResourceControlLevels = request.ResourceControlLevels.Select(l => (IReadOnlyList<CompiledPolicy>)l.Select(Compile).ToList()).ToList(),
    });

    private static CompiledPolicy Compile(SourcedPolicy policy) => CompiledPolicy.Compile(policy.Document, policy.Source);

    // A document with an Error finding cannot stand for a policy in a decision: deciding without it would mislead.
    private static IamOpsException? Invalid(SourcedPolicy policy, PolicyType type, IdentityAttachment attachedTo)
    {
        var errors = PolicyLinter.Lint(policy, new PolicyValidationOptions { PolicyType = type, AttachedTo = attachedTo })
            .Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            return null;
        }

        var first = errors[0];
        var more = errors.Count > 1 ? string.Format(CultureInfo.InvariantCulture, " (and {0} more error(s))", errors.Count - 1) : string.Empty;
        return new IamOpsException("PolicyDocumentMalformed", FailureKind.InvalidData,
            $"{policy.Source} is not a valid {Describe(type)}, so no decision is made: line {first.Line}, column {first.Column}: {first.CheckId}: {first.Message}{more} "
            + $"Fix the document; Test-IamPolicy without -Action and with -PolicyType {type} lists every finding.", first);
    }

    private static IamOpsException UnknownAction(string action, ActionCatalog catalog)
    {
        var nearest = NearestActions.To(action, catalog);
        return new IamOpsException("ActionUnknown", FailureKind.InvalidArgument,
            $"'{action}' is not an action in the catalog ({catalog.SourcePackage} {catalog.DataVersion}), so it is not decided. Nearest names: {string.Join(", ", nearest)}. Check the spelling; press Tab after -Action to complete names.", action);
    }

    private static IamOpsException ResourceMismatch(ActionDefinition action, string resource)
    {
        var types = action.ResourceTypes.Select(t => $"{t.ResourceType.Name} ({t.ResourceType.ArnFormat})").ToList();
        var fix = types.Count == 0
            ? $"{action.FullName} takes no resource type: ask with -Resource '*'."
            : $"{action.FullName} acts on: {string.Join("; ", types)}. Give an ARN of one of these types, or '*'.";
        return new IamOpsException("ResourceTypeMismatch", FailureKind.InvalidArgument,
            $"'{resource}' is not a resource {action.FullName} acts on, so it is not decided. {fix}", resource);
    }

    private static string Describe(PolicyType type) => type switch
    {
        PolicyType.Resource => "resource policy",
        PolicyType.Trust => "trust policy",
        PolicyType.ServiceControl => "service control policy",
        PolicyType.ResourceControl => "resource control policy",
        PolicyType.PermissionsBoundary => "permissions boundary",
        _ => "identity policy",
    };
}

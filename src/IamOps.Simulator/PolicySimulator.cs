using IamOps.Aws;
using IamOps.Policy;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// IAM's SimulatePrincipalPolicy and SimulateCustomPolicy on the policy engine: one result per action and resource,
/// with the statements that decided it (policy id, IAM's source type, start position) and the context keys it lacked.
/// </summary>
internal sealed class PolicySimulator
{
    private readonly SimulatedAccount _account;

    public PolicySimulator(SimulatedAccount account) => _account = account;

    private AccountState State => _account.State;

    public IReadOnlyList<PolicySimulationResult> Principal(SimulatePrincipalPolicyRequest request)
    {
        var source = request.PolicySourceArn ?? throw ServiceError.Missing("policySourceArn");
        var inputs = new List<Input>();
        string? boundaryArn = null;
        var parts = source.Split(new[] { ':' }, 6);
        var resource = parts.Length == 6 ? parts[5] : string.Empty;
        var name = resource.Substring(resource.LastIndexOf('/') + 1);
        if (resource.StartsWith("user/", StringComparison.Ordinal) && State.Users.TryGetValue(name, out var user))
        {
            AddIdentity(inputs, user.AttachedPolicyArns, user.InlinePolicies, "user");
            foreach (var group in user.Groups.Where(State.Groups.ContainsKey).Select(g => State.Groups[g]))
            {
                AddIdentity(inputs, group.AttachedPolicyArns, group.InlinePolicies, "group");
            }

            boundaryArn = user.PermissionsBoundaryArn;
        }
        else if (resource.StartsWith("group/", StringComparison.Ordinal) && State.Groups.TryGetValue(name, out var group))
        {
            AddIdentity(inputs, group.AttachedPolicyArns, group.InlinePolicies, "group");
        }
        else if (resource.StartsWith("role/", StringComparison.Ordinal) && State.Roles.TryGetValue(name, out var role))
        {
            AddIdentity(inputs, role.AttachedPolicyArns, role.InlinePolicies, "role");
            boundaryArn = role.PermissionsBoundaryArn;
        }
        else
        {
            throw ServiceError.NoSuchEntity($"The entity {source} cannot be found.");
        }

        inputs.AddRange(request.AdditionalPolicies.Select((d, i) => Input.Of(d, "PolicyInputList." + (i + 1), "none")));
        var boundaries = request.PermissionsBoundaryPolicies.Count > 0 || boundaryArn is null
            ? request.PermissionsBoundaryPolicies
            : new[] { DefaultDocument(boundaryArn)! };
        return Simulate(inputs, boundaries, request, request.CallerArn ?? source);
    }

    public IReadOnlyList<PolicySimulationResult> Custom(SimulateCustomPolicyRequest request)
    {
        if (request.Policies.Count == 0)
        {
            throw ServiceError.Missing("policyInputList");
        }

        var inputs = request.Policies.Select((d, i) => Input.Of(d, "PolicyInputList." + (i + 1), "none")).ToList();
        return Simulate(inputs, request.PermissionsBoundaryPolicies, request, request.CallerArn ?? $"arn:aws:iam::{_account.AccountId}:user/simulated");
    }

    private IReadOnlyList<PolicySimulationResult> Simulate(List<Input> inputs, IReadOnlyList<string> boundaries, PolicySimulationRequest request, string caller)
    {
        if (request.ActionNames.Count == 0)
        {
            throw ServiceError.Missing("actionNames");
        }

        if (boundaries.Count > 1)
        {
            throw ServiceError.InvalidInput("Only one permissions boundary policy can be simulated.");
        }

        foreach (var document in boundaries.Concat(request.ResourcePolicy is null ? Array.Empty<string>() : new[] { request.ResourcePolicy }))
        {
            PolicyDocumentLimits.CheckCharacters("policyInputList", document);
        }

        var boundary = boundaries.Count == 1 ? Input.Of(boundaries[0], "PermissionsBoundaryPolicyInputList.1", "none") : null;
        var resourcePolicy = request.ResourcePolicy is null ? null : Input.Of(request.ResourcePolicy, "ResourcePolicy", "resource");
        var set = new PolicySet(inputs.Select(i => i.Policy), boundary?.Policy, resourcePolicy: resourcePolicy?.Policy);
        var boundaryOnly = boundary is null ? null : new PolicySet(new[] { boundary.Policy });
        var types = inputs.Concat(new[] { boundary, resourcePolicy }).Where(i => i is not null).ToDictionary(i => i!.Policy.PolicyId, i => i!.Type, StringComparer.Ordinal);
        var context = new RequestContext();
        foreach (var entry in request.ContextEntries)
        {
            context.Set(entry.ContextKeyName, entry.ContextKeyValues);
        }

        var results = new List<PolicySimulationResult>();
        foreach (var action in request.ActionNames)
        {
            foreach (var resource in request.ResourceArns.Count == 0 ? new[] { "*" } : request.ResourceArns)
            {
                var authorization = new AuthorizationRequest(caller, action, resource, context);
                var decision = set.Evaluate(authorization);
                results.Add(new PolicySimulationResult
                {
                    ActionName = action,
                    ResourceName = resource,
                    Decision = decision.Decision switch
                    {
                        EvaluationDecision.Allowed => SimulationDecision.Allowed,
                        EvaluationDecision.ExplicitDeny => SimulationDecision.ExplicitDeny,
                        _ => SimulationDecision.ImplicitDeny,
                    },
                    MatchedStatements = decision.MatchedStatements.Select(m => new SimulationMatchedStatement
                    {
                        SourcePolicyId = m.PolicyId,
                        SourcePolicyType = types.TryGetValue(m.PolicyId, out var type) ? type : "none",
                        StartLine = m.Location.IsKnown ? m.Location.Line : null,
                        StartColumn = m.Location.IsKnown ? m.Location.Column : null,
                    }).ToList(),
                    MissingContextValues = decision.MissingContextKeys,
                    AllowedByPermissionsBoundary = boundaryOnly is null ? null : boundaryOnly.Decide(authorization) == EvaluationDecision.Allowed,
                });
            }
        }

        return results;
    }

    private void AddIdentity(List<Input> into, List<string> attached, Dictionary<string, string> inline, string inlineType)
    {
        foreach (var arn in attached)
        {
            var aws = ManagedPolicyCatalog.Find(arn) is not null;
            if (DefaultDocument(arn) is { } document)
            {
                into.Add(Input.Of(document, arn.Substring(arn.LastIndexOf('/') + 1), aws ? "aws-managed" : "user-managed"));
            }
        }

        into.AddRange(inline.Select(p => Input.Of(p.Value, p.Key, inlineType)));
    }

    private string? DefaultDocument(string arn) => _account.Iam.DefaultPolicyDocument(arn);

    /// <summary>A compiled input with the id and source type IAM reports for its statements.</summary>
    private sealed record Input(CompiledPolicy Policy, string Type)
    {
        public static Input Of(string document, string id, string type)
        {
            try
            {
                return new Input(CompiledPolicy.Compile(document, id), type);
            }
            catch (ArgumentException)
            {
                throw ServiceError.Malformed("Syntax errors in policy.");
            }
        }
    }
}

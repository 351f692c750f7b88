using System.Collections.Concurrent;
using IamOps.Policy.Evaluation;

namespace IamOps.Policy;

/// <summary>
/// The policies that govern one principal in one account, compiled once and evaluated many times (thread-safe).
/// Same-account logic: an explicit Deny anywhere wins; every service-control level must allow; a resource policy naming
/// the user or role-session ARN (or "*") grants alone, one naming the role ARN still needs the boundary and session policy;
/// otherwise identity policies must allow, then the permissions boundary and session policy when present.
/// </summary>
public sealed class PolicySet
{
    private const int MaxCachedActions = 8192;

    private readonly PlannedStatement[] allStatements;
    private readonly ConcurrentDictionary<string, ActionPlan> plans = new(StringComparer.OrdinalIgnoreCase);
    private readonly int controlLevels;
    private readonly ulong allControlLevels;
    private readonly int memoSlots;

    /// <summary>Builds a set. Each entry of <paramref name="serviceControlPolicies"/> is one level of the organization (root, OU, account) that must allow.</summary>
    public PolicySet(
        IEnumerable<CompiledPolicy> identityPolicies,
        CompiledPolicy? permissionsBoundary = null,
        CompiledPolicy? sessionPolicy = null,
        IEnumerable<CompiledPolicy>? serviceControlPolicies = null,
        CompiledPolicy? resourcePolicy = null)
    {
        IdentityPolicies = (identityPolicies ?? throw new ArgumentNullException(nameof(identityPolicies))).ToArray();
        PermissionsBoundary = permissionsBoundary;
        SessionPolicy = sessionPolicy;
        ServiceControlPolicies = (serviceControlPolicies ?? Array.Empty<CompiledPolicy>()).ToArray();
        ResourcePolicy = resourcePolicy;
        if (ServiceControlPolicies.Count > 64)
        {
            throw new ArgumentException("At most 64 service control levels are supported.", nameof(serviceControlPolicies));
        }

        controlLevels = ServiceControlPolicies.Count;
        allControlLevels = controlLevels == 64 ? ulong.MaxValue : (1UL << controlLevels) - 1;
        var planned = new List<PlannedStatement>();
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        int SlotOf(string signature)
        {
            if (!slots.TryGetValue(signature, out var slot))
            {
                slot = slots.Count;
                slots[signature] = slot;
            }

            return slot;
        }

        void AddPolicy(CompiledPolicy policy, PolicySource source, int level)
            => planned.AddRange(policy.Statements.Where(s => AppliesAs(s, source)).Select(s => new PlannedStatement(s, policy, source, level, SlotOf)));
        for (var i = 0; i < controlLevels; i++)
        {
            AddPolicy(ServiceControlPolicies[i], PolicySource.ServiceControl, i);
        }

        foreach (var policy in IdentityPolicies)
        {
            AddPolicy(policy, PolicySource.Identity, 0);
        }

        if (permissionsBoundary is not null)
        {
            AddPolicy(permissionsBoundary, PolicySource.PermissionsBoundary, 0);
        }

        if (sessionPolicy is not null)
        {
            AddPolicy(sessionPolicy, PolicySource.Session, 0);
        }

        if (resourcePolicy is not null)
        {
            AddPolicy(resourcePolicy, PolicySource.Resource, 0);
        }

        allStatements = planned.ToArray();
        memoSlots = slots.Count;
    }

    /// <summary>Identity policies (user, its groups, or role).</summary>
    public IReadOnlyList<CompiledPolicy> IdentityPolicies { get; }

    /// <summary>The permissions boundary, if any.</summary>
    public CompiledPolicy? PermissionsBoundary { get; }

    /// <summary>The session policy, if any.</summary>
    public CompiledPolicy? SessionPolicy { get; }

    /// <summary>Service control policies, one per organization level.</summary>
    public IReadOnlyList<CompiledPolicy> ServiceControlPolicies { get; }

    /// <summary>The resource policy (same account), if any.</summary>
    public CompiledPolicy? ResourcePolicy { get; }

    /// <summary>Decides a request without building an explanation; does not allocate once the action has been seen.</summary>
    public EvaluationDecision Decide(AuthorizationRequest request) => Run(request ?? throw new ArgumentNullException(nameof(request)), null, null);

    /// <summary>Decides a request and explains it: the statements that applied and the context keys that were missing.</summary>
    public PolicyDecision Evaluate(AuthorizationRequest request)
    {
        var matched = new List<MatchedStatement>();
        var missing = new List<string>();
        var decision = Run(request ?? throw new ArgumentNullException(nameof(request)), matched, missing);
        IReadOnlyList<MatchedStatement> shown = decision == EvaluationDecision.ExplicitDeny
            ? matched.Where(m => m.IsDeny).ToArray()
            : matched.Where(m => !m.IsDeny).ToArray();
        return new PolicyDecision(decision, shown, missing);
    }

    private ActionPlan PlanFor(string action)
    {
        if (plans.TryGetValue(action, out var plan))
        {
            return plan;
        }

        var denies = new List<PlannedStatement>();
        var allows = new List<PlannedStatement>();
        foreach (var planned in allStatements)
        {
            if (planned.Statement.MatchesAction(action))
            {
                (planned.Statement.IsDeny ? denies : allows).Add(planned);
            }
        }

        plan = new ActionPlan(denies.ToArray(), allows.ToArray());
        if (plans.Count < MaxCachedActions)
        {
            plans.TryAdd(action, plan);
        }

        return plan;
    }

    private EvaluationDecision Run(AuthorizationRequest request, List<MatchedStatement>? matched, List<string>? missing)
    {
        var explain = matched is not null;
        var plan = PlanFor(request.Action);
        var resource = new ArnParts(request.Resource);
        var state = EvaluationState.Begin(request, memoSlots);
        var denied = false;
        foreach (var planned in plan.Denies)
        {
            if (Applies(planned, state, resource, missing) != PrincipalGrant.None || DeniesEveryBoundedPrincipal(planned, state, resource))
            {
                if (!explain)
                {
                    return EvaluationDecision.ExplicitDeny;
                }

                denied = true;
                matched!.Add(new MatchedStatement(planned.Policy.PolicyId, planned.Source, planned.Statement.Statement));
            }
        }

        ulong controlAllowed = 0;
        var identityAllowed = false;
        var boundaryAllowed = false;
        var sessionAllowed = false;
        var resourceGrant = PrincipalGrant.None;
        foreach (var planned in plan.Allows)
        {
            if (!explain && AlreadySatisfied(planned, controlAllowed, identityAllowed, boundaryAllowed, sessionAllowed, resourceGrant))
            {
                continue;
            }

            var grant = Applies(planned, state, resource, missing);
            if (grant == PrincipalGrant.None)
            {
                continue;
            }

            matched?.Add(new MatchedStatement(planned.Policy.PolicyId, planned.Source, planned.Statement.Statement));
            switch (planned.Source)
            {
                case PolicySource.ServiceControl:
                    controlAllowed |= 1UL << planned.ControlLevel;
                    break;
                case PolicySource.Identity:
                    identityAllowed = true;
                    break;
                case PolicySource.PermissionsBoundary:
                    boundaryAllowed = true;
                    break;
                case PolicySource.Session:
                    sessionAllowed = true;
                    break;
                default:
                    if (grant > resourceGrant)
                    {
                        resourceGrant = grant;
                    }

                    break;
            }
        }

        if (denied)
        {
            return EvaluationDecision.ExplicitDeny;
        }

        if (controlLevels > 0 && controlAllowed != allControlLevels)
        {
            return EvaluationDecision.ImplicitDeny;
        }

        if (resourceGrant == PrincipalGrant.Direct || request.Principal.Kind == PrincipalKind.Root)
        {
            return EvaluationDecision.Allowed;
        }

        if (!identityAllowed && resourceGrant != PrincipalGrant.Role)
        {
            return EvaluationDecision.ImplicitDeny;
        }

        if ((PermissionsBoundary is not null && !boundaryAllowed) || (SessionPolicy is not null && !sessionAllowed))
        {
            return EvaluationDecision.ImplicitDeny;
        }

        return EvaluationDecision.Allowed;
    }

    /// <summary>A Deny with NotPrincipal denies every principal that has a permissions boundary, whatever it lists (IAM User Guide, permissions boundaries).</summary>
    private bool DeniesEveryBoundedPrincipal(PlannedStatement planned, EvaluationState state, in ArnParts resource)
        => PermissionsBoundary is not null && planned.Statement.UsesNotPrincipal
           && planned.Statement.MatchesResource(resource, state, planned.ResourceSlots) && planned.Statement.MatchesConditions(state, planned.ConditionSlots);

    /// <summary>
    /// Statements IAM would reject for the policy's role never apply: a resource policy statement needs a Principal or
    /// NotPrincipal, any other needs a Resource or NotResource (only resource and trust policies may omit it).
    /// </summary>
    private static bool AppliesAs(CompiledStatement statement, PolicySource source)
        => source == PolicySource.Resource ? statement.HasPrincipal : statement.Resources is not null;

    private static bool AlreadySatisfied(PlannedStatement planned, ulong controlAllowed, bool identity, bool boundary, bool session, PrincipalGrant resourceGrant) => planned.Source switch
    {
        PolicySource.ServiceControl => (controlAllowed & (1UL << planned.ControlLevel)) != 0,
        PolicySource.Identity => identity,
        PolicySource.PermissionsBoundary => boundary,
        PolicySource.Session => session,
        _ => resourceGrant == PrincipalGrant.Direct,
    };

    private static PrincipalGrant Applies(PlannedStatement planned, EvaluationState state, in ArnParts resource, List<string>? missing)
    {
        var statement = planned.Statement;
        if (!statement.MatchesResource(resource, state, planned.ResourceSlots))
        {
            return PrincipalGrant.None;
        }

        var grant = statement.MatchPrincipal(state.Request);
        if (grant == PrincipalGrant.None)
        {
            return PrincipalGrant.None;
        }

        if (missing is not null)
        {
            statement.CollectMissingKeys(state, missing);
        }

        return statement.MatchesConditions(state, planned.ConditionSlots) ? grant : PrincipalGrant.None;
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using IamOps.Policy.Evaluation;

namespace IamOps.Policy;

/// <summary>
/// Every policy that governs one principal's requests, compiled once and evaluated many times (thread-safe), with AWS's
/// evaluation logic: an explicit Deny anywhere wins; every SCP level (principal's account) and RCP level (resource's
/// account) must allow; a role's trust policy and a KMS key policy must always allow; in one account a resource policy
/// naming the user or session ARN grants alone (naming the role ARN still needs the boundary and session policy, naming
/// the account needs the identity policies); across accounts both the identity side and the resource policy must allow.
/// </summary>
public sealed class PolicySet
{
    private const int MaxCachedActions = 8192;
    private const int MaxLevels = 64;

    private static readonly HashSet<string> TrustActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity",
    };

    private readonly PlannedStatement[] allStatements;
    private readonly ConcurrentDictionary<string, ActionPlan> plans = new(StringComparer.OrdinalIgnoreCase);
    private readonly int serviceLevels;
    private readonly ulong allServiceLevels;
    private readonly int resourceLevels;
    private readonly ulong allResourceLevels;
    private readonly int memoSlots;

    /// <summary>Builds a set. Each entry of <paramref name="serviceControlPolicies"/> is one organization level (root, OU, account) that must allow.</summary>
    public PolicySet(
        IEnumerable<CompiledPolicy> identityPolicies,
        CompiledPolicy? permissionsBoundary = null,
        CompiledPolicy? sessionPolicy = null,
        IEnumerable<CompiledPolicy>? serviceControlPolicies = null,
        CompiledPolicy? resourcePolicy = null)
        : this(new PolicySetOptions
        {
            IdentityPolicies = (identityPolicies ?? throw new ArgumentNullException(nameof(identityPolicies))).ToArray(),
            PermissionsBoundary = permissionsBoundary,
            SessionPolicy = sessionPolicy,
            ServiceControlLevels = (serviceControlPolicies ?? Array.Empty<CompiledPolicy>()).Select(p => (IReadOnlyList<CompiledPolicy>)new[] { p }).ToArray(),
            ResourcePolicy = resourcePolicy,
        })
    {
    }

    /// <summary>Builds a set from every kind of policy, with SCPs and RCPs as organization levels of several policies each.</summary>
    public PolicySet(PolicySetOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        IdentityPolicies = options.IdentityPolicies.ToArray();
        PermissionsBoundary = options.PermissionsBoundary;
        SessionPolicy = options.SessionPolicy;
        ResourcePolicy = options.ResourcePolicy;
        ServiceControlLevels = options.ServiceControlLevels.Select(l => (IReadOnlyList<CompiledPolicy>)l.ToArray()).ToArray();
        ResourceControlLevels = options.ResourceControlLevels.Select(l => (IReadOnlyList<CompiledPolicy>)l.ToArray()).ToArray();
        if (ServiceControlLevels.Count > MaxLevels || ResourceControlLevels.Count > MaxLevels)
        {
            throw new ArgumentException($"At most {MaxLevels} organization levels are supported.", nameof(options));
        }

        serviceLevels = ServiceControlLevels.Count;
        allServiceLevels = serviceLevels == MaxLevels ? ulong.MaxValue : (1UL << serviceLevels) - 1;
        resourceLevels = ResourceControlLevels.Count;
        allResourceLevels = resourceLevels == MaxLevels ? ulong.MaxValue : (1UL << resourceLevels) - 1;
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
        for (var level = 0; level < serviceLevels; level++)
        {
            foreach (var policy in ServiceControlLevels[level])
            {
                AddPolicy(policy, PolicySource.ServiceControl, level);
            }
        }

        for (var level = 0; level < resourceLevels; level++)
        {
            foreach (var policy in ResourceControlLevels[level])
            {
                AddPolicy(policy, PolicySource.ResourceControl, level);
            }
        }

        foreach (var policy in IdentityPolicies)
        {
            AddPolicy(policy, PolicySource.Identity, 0);
        }

        if (PermissionsBoundary is not null)
        {
            AddPolicy(PermissionsBoundary, PolicySource.PermissionsBoundary, 0);
        }

        if (SessionPolicy is not null)
        {
            AddPolicy(SessionPolicy, PolicySource.Session, 0);
        }

        if (ResourcePolicy is not null)
        {
            AddPolicy(ResourcePolicy, PolicySource.Resource, 0);
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

    /// <summary>Service control policies of the principal's account, per organization level (root first).</summary>
    public IReadOnlyList<IReadOnlyList<CompiledPolicy>> ServiceControlLevels { get; }

    /// <summary>Resource control policies of the resource's account, per organization level (root first).</summary>
    public IReadOnlyList<IReadOnlyList<CompiledPolicy>> ResourceControlLevels { get; }

    /// <summary>The resource's policy (bucket policy, key policy, or a role's trust policy), if any.</summary>
    public CompiledPolicy? ResourcePolicy { get; }

    /// <summary>Decides a request without building an explanation; does not allocate once the action has been seen.</summary>
    public EvaluationDecision Decide(AuthorizationRequest request)
        => Run(request ?? throw new ArgumentNullException(nameof(request)), null, null, out _);

    /// <summary>Decides a request and explains it: the statements that applied, the layer that decided and the context keys that were missing.</summary>
    public PolicyDecision Evaluate(AuthorizationRequest request)
    {
        var matched = new List<MatchedStatement>();
        var missing = new List<string>();
        var decision = Run(request ?? throw new ArgumentNullException(nameof(request)), matched, missing, out var verdict);
        IReadOnlyList<MatchedStatement> shown = decision == EvaluationDecision.ExplicitDeny
            ? matched.Where(m => m.IsDeny).ToArray()
            : matched.Where(m => !m.IsDeny).ToArray();
        return new PolicyDecision(decision, shown, missing, () => Explain(verdict, request), DecidedBy(verdict));
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

        var required = TrustActions.Contains(action) ? RequiredResourcePolicy.RoleTrust
            : action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase) ? RequiredResourcePolicy.KeyPolicy
            : RequiredResourcePolicy.None;
        plan = new ActionPlan(denies.ToArray(), allows.ToArray(), required);
        if (plans.Count < MaxCachedActions)
        {
            plans.TryAdd(action, plan);
        }

        return plan;
    }

    private EvaluationDecision Run(AuthorizationRequest request, List<MatchedStatement>? matched, List<string>? missing, out Verdict verdict)
    {
        var explain = matched is not null;
        var plan = PlanFor(request.Action);
        var resource = new ArnParts(request.Resource);
        var state = EvaluationState.Begin(request, memoSlots);
        var facts = request.Principal;
        var hasIdentity = facts.HasIdentityPolicies;

        // SCPs restrict the principals of member accounts, RCPs the resources; neither restricts service-linked roles.
        var serviceControl = serviceLevels > 0 && hasIdentity && !facts.IsServiceLinkedRole;
        var resourceControl = resourceLevels > 0 && !facts.IsServiceLinkedRole;
        var everyLayer = hasIdentity && (serviceLevels == 0 || serviceControl) && (resourceLevels == 0 || resourceControl);
        PlannedStatement? denial = null;
        foreach (var planned in plan.Denies)
        {
            if (!everyLayer && !Counts(planned.Source, serviceControl, resourceControl, hasIdentity))
            {
                continue;
            }

            if (Applies(planned, state, resource, missing) != PrincipalGrant.None || DeniesEveryBoundedPrincipal(planned, state, resource))
            {
                if (!explain)
                {
                    verdict = new Verdict(Outcome.ExplicitDeny, planned, 0, RequiredResourcePolicy.None);
                    return EvaluationDecision.ExplicitDeny;
                }

                denial ??= planned;
                matched!.Add(new MatchedStatement(planned.Policy.PolicyId, planned.Source, planned.Statement.Statement));
            }
        }

        ulong serviceAllowed = 0;
        ulong resourceAllowed = 0;
        var identityAllowed = false;
        var boundaryAllowed = false;
        var sessionAllowed = false;
        var resourceGrant = PrincipalGrant.None;
        foreach (var planned in plan.Allows)
        {
            if (!everyLayer && !Counts(planned.Source, serviceControl, resourceControl, hasIdentity))
            {
                continue;
            }

            if (!explain && AlreadySatisfied(planned, serviceAllowed, resourceAllowed, identityAllowed, boundaryAllowed, sessionAllowed, resourceGrant))
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
                    serviceAllowed |= 1UL << planned.ControlLevel;
                    break;
                case PolicySource.ResourceControl:
                    resourceAllowed |= 1UL << planned.ControlLevel;
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

        if (denial is not null)
        {
            verdict = new Verdict(Outcome.ExplicitDeny, denial, 0, RequiredResourcePolicy.None);
            return EvaluationDecision.ExplicitDeny;
        }

        if (serviceControl && serviceAllowed != allServiceLevels)
        {
            verdict = new Verdict(Outcome.ServiceControlLevelWithoutAllow, null, FirstMissingLevel(serviceAllowed), RequiredResourcePolicy.None);
            return EvaluationDecision.ImplicitDeny;
        }

        if (resourceControl && resourceAllowed != allResourceLevels)
        {
            verdict = new Verdict(Outcome.ResourceControlLevelWithoutAllow, null, FirstMissingLevel(resourceAllowed), RequiredResourcePolicy.None);
            return EvaluationDecision.ImplicitDeny;
        }

        // Nothing grants: denied in one account or across, whatever the explanation will say.
        if (!explain && resourceGrant == PrincipalGrant.None && !identityAllowed && hasIdentity && facts.Kind != PrincipalKind.Root)
        {
            verdict = default;
            return EvaluationDecision.ImplicitDeny;
        }

        var required = plan.Required != RequiredResourcePolicy.None && IsRequiredResourceType(plan.Required, resource) ? plan.Required : RequiredResourcePolicy.None;
        var outcome = Conclude(request, facts, resource, required, resourceGrant, identityAllowed, boundaryAllowed, sessionAllowed);
        verdict = new Verdict(outcome, null, 0, required);
        return outcome >= Outcome.AllowedAsRoot ? EvaluationDecision.Allowed : EvaluationDecision.ImplicitDeny;
    }

    /// <summary>The decision once nothing denies explicitly and every organization level allows.</summary>
    private Outcome Conclude(AuthorizationRequest request, PrincipalFacts facts, in ArnParts resource, RequiredResourcePolicy required, PrincipalGrant resourceGrant, bool identityAllowed, bool boundaryAllowed, bool sessionAllowed)
    {
        // Services and identity providers have no identity policies: only the resource's policy can let them in.
        if (!facts.HasIdentityPolicies)
        {
            return resourceGrant == PrincipalGrant.Direct ? Outcome.AllowedByResourcePolicy
                : ResourcePolicy is null ? (required != RequiredResourcePolicy.None ? Outcome.NoRequiredPolicy : Outcome.ServiceNotNamed)
                : required != RequiredResourcePolicy.None ? Outcome.RequiredPolicyDoesNotName : Outcome.ServiceNotNamed;
        }

        var root = facts.Kind == PrincipalKind.Root;
        if (root && required == RequiredResourcePolicy.RoleTrust)
        {
            return Outcome.RootCannotAssumeRole;
        }

        var identity = root || identityAllowed;
        var boundary = root || PermissionsBoundary is null || boundaryAllowed;
        var session = root || SessionPolicy is null || sessionAllowed;
        if (IsCrossAccount(request, facts, resource))
        {
            return resourceGrant == PrincipalGrant.None ? (ResourcePolicy is null ? Outcome.NoResourcePolicyAcrossAccounts : Outcome.ResourcePolicyDoesNotNameAcrossAccounts)
                : !identity ? Outcome.NoIdentityAllow
                : !boundary ? Outcome.BoundaryDoesNotAllow
                : !session ? Outcome.SessionPolicyDoesNotAllow
                : Outcome.AllowedAcrossAccounts;
        }

        if (required != RequiredResourcePolicy.None)
        {
            switch (resourceGrant)
            {
                case PrincipalGrant.None:
                    return ResourcePolicy is null ? Outcome.NoRequiredPolicy : Outcome.RequiredPolicyDoesNotName;
                case PrincipalGrant.Direct:
                    // A user named in a trust policy still needs its permissions boundary to allow the STS action.
                    return required == RequiredResourcePolicy.RoleTrust && !boundary ? Outcome.BoundaryDoesNotAllow : Outcome.AllowedByResourcePolicy;
                case PrincipalGrant.Role:
                    return !boundary ? Outcome.BoundaryDoesNotAllow : !session ? Outcome.SessionPolicyDoesNotAllow : Outcome.AllowedByResourcePolicy;
                default:
                    return !identity ? Outcome.RequiredPolicyNamesOnlyAccount
                        : !boundary ? Outcome.BoundaryDoesNotAllow
                        : !session ? Outcome.SessionPolicyDoesNotAllow
                        : Outcome.AllowedByResourcePolicyAndIdentity;
            }
        }

        if (root)
        {
            return Outcome.AllowedAsRoot;
        }

        if (resourceGrant == PrincipalGrant.Direct)
        {
            return Outcome.AllowedByResourcePolicy;
        }

        if (resourceGrant == PrincipalGrant.Role)
        {
            return !boundary ? Outcome.BoundaryDoesNotAllow : !session ? Outcome.SessionPolicyDoesNotAllow : Outcome.AllowedByResourcePolicy;
        }

        return !identity ? Outcome.NoIdentityAllow
            : !boundary ? Outcome.BoundaryDoesNotAllow
            : !session ? Outcome.SessionPolicyDoesNotAllow
            : Outcome.AllowedByIdentity;
    }

    /// <summary>The resource's account (-ResourceAccount, else the ARN's 12-digit account) differs from the principal's.</summary>
    private static bool IsCrossAccount(AuthorizationRequest request, PrincipalFacts facts, in ArnParts resource)
    {
        var principalAccount = facts.Account;
        if (principalAccount is null)
        {
            return false;
        }

        if (request.ResourceAccount is { Length: > 0 } given)
        {
            return !string.Equals(given, principalAccount, StringComparison.Ordinal);
        }

        if (!resource.IsArn)
        {
            return false;
        }

        var account = resource.Part(4);
        return account.Length == 12 && IsDigits(account) && !account.SequenceEqual(principalAccount.AsSpan());
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsRequiredResourceType(RequiredResourcePolicy required, in ArnParts resource)
    {
        if (!resource.IsArn)
        {
            return false;
        }

        return required == RequiredResourcePolicy.RoleTrust
            ? resource.Part(2).SequenceEqual("iam".AsSpan()) && resource.Part(5).StartsWith("role/".AsSpan(), StringComparison.Ordinal)
            : resource.Part(2).SequenceEqual("kms".AsSpan()) && resource.Part(5).StartsWith("key/".AsSpan(), StringComparison.Ordinal);
    }

    private static int FirstMissingLevel(ulong allowed)
    {
        var level = 0;
        while ((allowed & (1UL << level)) != 0)
        {
            level++;
        }

        return level;
    }

    private static bool Counts(PolicySource source, bool serviceControl, bool resourceControl, bool identity) => source switch
    {
        PolicySource.ServiceControl => serviceControl,
        PolicySource.ResourceControl => resourceControl,
        PolicySource.Resource => true,
        _ => identity,
    };

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

    private static bool AlreadySatisfied(PlannedStatement planned, ulong serviceAllowed, ulong resourceAllowed, bool identity, bool boundary, bool session, PrincipalGrant resourceGrant) => planned.Source switch
    {
        PolicySource.ServiceControl => (serviceAllowed & (1UL << planned.ControlLevel)) != 0,
        PolicySource.ResourceControl => (resourceAllowed & (1UL << planned.ControlLevel)) != 0,
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

    private static PolicySource? DecidedBy(in Verdict verdict) => verdict.Outcome switch
    {
        Outcome.ExplicitDeny => verdict.Statement!.Source,
        Outcome.ServiceControlLevelWithoutAllow => PolicySource.ServiceControl,
        Outcome.ResourceControlLevelWithoutAllow => PolicySource.ResourceControl,
        Outcome.NoIdentityAllow or Outcome.AllowedByIdentity => PolicySource.Identity,
        Outcome.BoundaryDoesNotAllow => PolicySource.PermissionsBoundary,
        Outcome.SessionPolicyDoesNotAllow => PolicySource.Session,
        Outcome.AllowedAsRoot or Outcome.RootCannotAssumeRole => null,
        _ => PolicySource.Resource,
    };

    private string Explain(in Verdict verdict, AuthorizationRequest request)
    {
        var facts = request.Principal;
        var action = request.Action;
        var on = request.Resource == "*" ? string.Empty : " on " + request.Resource;
        var resourceWord = verdict.Required switch
        {
            RequiredResourcePolicy.RoleTrust => "the trust policy",
            RequiredResourcePolicy.KeyPolicy => "the key policy",
            _ => "the resource policy",
        };
        string Level(int level) => (level + 1).ToString(CultureInfo.InvariantCulture);
        switch (verdict.Outcome)
        {
            case Outcome.ExplicitDeny:
                var deny = verdict.Statement!;
                var statement = deny.Statement.Statement;
                var layer = deny.Source switch
                {
                    PolicySource.Identity => "identity policy",
                    PolicySource.PermissionsBoundary => "the permissions boundary",
                    PolicySource.Session => "the session policy",
                    PolicySource.ServiceControl => $"SCP level {Level(deny.ControlLevel)}",
                    PolicySource.ResourceControl => $"RCP level {Level(deny.ControlLevel)}",
                    _ => TrustWord(request) ?? "the resource policy",
                };
                var sid = statement.Sid?.Text is { Length: > 0 } name ? $" ({name})" : string.Empty;
                return $"explicitly denied by {layer} {deny.Policy.PolicyId}, statement {statement.Index}{sid} at line {statement.Location.Line}, column {statement.Location.Column}";
            case Outcome.ServiceControlLevelWithoutAllow:
                return $"SCP level {Level(verdict.Level)} does not allow {action}{on}: every organization level from the root to the account needs an SCP that allows it";
            case Outcome.ResourceControlLevelWithoutAllow:
                return $"RCP level {Level(verdict.Level)} does not allow {action}{on}: every organization level needs an RCP that allows it (AWS attaches RCPFullAWSAccess to each level; include it)";
            case Outcome.RootCannotAssumeRole:
                return $"the account root user cannot assume a role ({action}); use an IAM user or role";
            case Outcome.ServiceNotNamed:
                return ResourcePolicy is null
                    ? $"{facts.Arn} has no identity policies and no resource policy was given: only a resource policy naming it can allow {action}"
                    : $"the resource policy does not name {facts.Arn}, which has no identity policies of its own";
            case Outcome.NoResourcePolicyAcrossAccounts:
                return $"the resource is in account {ResourceAccountOf(request)} and the principal in {facts.Account}: across accounts the resource policy must allow too, and none was given";
            case Outcome.ResourcePolicyDoesNotNameAcrossAccounts:
                return $"the resource is in account {ResourceAccountOf(request)} and the principal in {facts.Account}: across accounts both sides must allow, and {resourceWord} does not name {facts.PrincipalArnKey} or its account";
            case Outcome.NoRequiredPolicy:
                return verdict.Required == RequiredResourcePolicy.RoleTrust
                    ? $"no trust policy was given: the role's trust policy must allow {action} whatever identity policies say; pass it with -TrustPolicy"
                    : $"no key policy was given: a KMS key policy must allow {action} whatever identity policies say; pass it with -ResourcePolicy";
            case Outcome.RequiredPolicyDoesNotName:
                return $"{resourceWord} does not name {facts.PrincipalArnKey} (or its account) for {action}";
            case Outcome.RequiredPolicyNamesOnlyAccount:
                return $"{resourceWord} names only the account {facts.Account}, so an identity policy must allow {action} too, and no identity policy allows it";
            case Outcome.NoIdentityAllow:
                return IdentityPolicies.Count == 0 ? $"no identity policy was given, so none allows {action}{on}" : $"no identity policy allows {action}{on}";
            case Outcome.BoundaryDoesNotAllow:
                return $"the permissions boundary does not allow {action}{on}";
            case Outcome.SessionPolicyDoesNotAllow:
                return $"the session policy does not allow {action}{on}";
            case Outcome.AllowedAsRoot:
                return "the account root user has full access in its own account";
            case Outcome.AllowedByResourcePolicy:
                return $"{resourceWord} names {facts.PrincipalArnKey}";
            case Outcome.AllowedByResourcePolicyAndIdentity:
                return $"{resourceWord} names the account {facts.Account} and an identity policy allows {action}";
            case Outcome.AllowedAcrossAccounts:
                return $"both sides allow: an identity policy in account {facts.Account} and {resourceWord} of account {ResourceAccountOf(request)}";
            default:
                return $"an identity policy allows {action}{on}";
        }
    }

    private static string? TrustWord(AuthorizationRequest request)
    {
        var resource = new ArnParts(request.Resource);
        return TrustActions.Contains(request.Action) && IsRequiredResourceType(RequiredResourcePolicy.RoleTrust, resource) ? "the trust policy"
            : request.Action.StartsWith("kms:", StringComparison.OrdinalIgnoreCase) && IsRequiredResourceType(RequiredResourcePolicy.KeyPolicy, resource) ? "the key policy"
            : null;
    }

    private static string ResourceAccountOf(AuthorizationRequest request)
        => request.ResourceAccount ?? (new ArnParts(request.Resource) is { IsArn: true } arn ? arn.PartText(4) : "?");

    /// <summary>The rule that settled a decision, and what it needs to be explained.</summary>
    private readonly struct Verdict
    {
        public Verdict(Outcome outcome, PlannedStatement? statement, int level, RequiredResourcePolicy required)
        {
            Outcome = outcome;
            Statement = statement;
            Level = level;
            Required = required;
        }

        public Outcome Outcome { get; }

        public PlannedStatement? Statement { get; }

        public int Level { get; }

        public RequiredResourcePolicy Required { get; }
    }
}

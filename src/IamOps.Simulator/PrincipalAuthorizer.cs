using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using IamOps.Policy;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>
/// Decides, with the policy engine, whether a sandbox caller may make a call: the identity policies of the user and its
/// groups (or of the session's role), its permissions boundary and the session policy, as IAM evaluates them in one
/// account. Compiled documents are cached by their text.
/// </summary>
internal sealed class PrincipalAuthorizer
{
    private const int CacheLimit = 10_000;
    private const string AllowEverything = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    private static readonly ConcurrentDictionary<string, CompiledPolicy> Compiled = new(StringComparer.Ordinal);
    private readonly SimulatedAccount _account;

    public PrincipalAuthorizer(SimulatedAccount account) => _account = account;

    private AccountState State => _account.State;

    /// <summary>Throws AccessDenied in AWS's wording unless the caller's policies allow <paramref name="permission"/>.</summary>
    public void Demand(CallerPrincipal caller, Permission permission)
    {
        for (Permission? needed = permission; needed is not null; needed = needed.Also)
        {
            var decision = Decide(caller, needed, requestKeys: needed.RequestKeys);
            if (decision != EvaluationDecision.Allowed)
            {
                var explained = Explain(caller, needed);
                if (explained.DecidedBy == PolicySource.ServiceControl)
                {
                    throw DeniedByServiceControl(caller, needed, decision);
                }

                throw Denied(caller, needed, decision, decision == EvaluationDecision.ExplicitDeny ? DenyingPolicy(explained) : null);
            }
        }
    }

    /// <param name="extra">A resource (trust) policy or extra identity policies for this decision.</param>
    /// <param name="requestKeys">Request-specific keys (sts:ExternalId, aws:RequestTag/...) on top of the caller's.</param>
    public EvaluationDecision Decide(CallerPrincipal caller, Permission permission, PolicyDocumentSet? extra = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? requestKeys = null)
    {
        var context = Context(caller);
        foreach (var key in requestKeys ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            context.Set(key.Key, key.Value);
        }

        return PoliciesOf(caller, extra).Decide(new AuthorizationRequest(caller.Arn, permission.Action, permission.Resource, context));
    }

    /// <summary>
    /// An STS action on a role: the trust policy is the role's resource policy and must allow. With
    /// <paramref name="enforceIdentity"/> false only the trust policy is asked (the caller's own policies count as allowing).
    /// </summary>
    public EvaluationDecision DecideTrust(CallerPrincipal caller, Permission permission, string trustPolicy, IReadOnlyDictionary<string, IReadOnlyList<string>> requestKeys, bool enforceIdentity)
    {
        if (enforceIdentity)
        {
            return Decide(caller, permission, new PolicyDocumentSet(trustPolicy, Array.Empty<string>()), requestKeys);
        }

        var context = Context(caller);
        foreach (var key in requestKeys)
        {
            context.Set(key.Key, key.Value);
        }

        var trustOnly = new PolicySet(new[] { Compile(AllowEverything, "identity not enforced") }, resourcePolicy: Compile(trustPolicy, "trust"));
        return trustOnly.Decide(new AuthorizationRequest(caller.Arn, permission.Action, permission.Resource, context));
    }

    /// <param name="denyingPolicy">The ARN of the managed policy that denied, which AWS names in the message (null: not named).</param>
    public static ServiceError Denied(CallerPrincipal caller, Permission permission, EvaluationDecision decision, string? denyingPolicy = null) =>
        ServiceError.AccessDenied($"User: {caller.Arn} is not authorized to perform: {permission.Action} on resource: {permission.Resource} "
            + (decision == EvaluationDecision.ExplicitDeny
                ? "with an explicit deny in an identity-based policy" + (denyingPolicy is null ? string.Empty : ": " + denyingPolicy)
                : "because no identity-based policy allows the " + permission.Action + " action"));

    /// <summary>AWS's words for a call an organization's SCP stopped (a member account's principal).</summary>
    public static ServiceError DeniedByServiceControl(CallerPrincipal caller, Permission permission, EvaluationDecision decision) =>
        ServiceError.AccessDenied($"User: {caller.Arn} is not authorized to perform: {permission.Action} on resource: {permission.Resource} "
            + (decision == EvaluationDecision.ExplicitDeny
                ? "with an explicit deny in a service control policy"
                : "because no service control policy allows the " + permission.Action + " action"));

    /// <summary>The decision with what made it (the deciding policy and its kind); only asked on the denial path.</summary>
    private PolicyDecision Explain(CallerPrincipal caller, Permission permission)
    {
        var context = Context(caller);
        foreach (var key in permission.RequestKeys ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            context.Set(key.Key, key.Value);
        }

        return PoliciesOf(caller).Evaluate(new AuthorizationRequest(caller.Arn, permission.Action, permission.Resource, context));
    }

    /// <summary>The managed policy (by ARN) whose Deny statement decided, for the message.</summary>
    private static string? DenyingPolicy(PolicyDecision explained) =>
        explained.MatchedStatements.Select(m => m.PolicyId).FirstOrDefault(id => id.StartsWith("arn:", StringComparison.Ordinal));

    /// <summary>The request context IAM supplies for a caller: MFA, principal tags, source identity, time and region.</summary>
    public RequestContext Context(CallerPrincipal caller)
    {
        var context = new RequestContext()
            .Set("aws:CurrentTime", _account.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Set("aws:EpochTime", ((long)(_account.Now - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds).ToString(CultureInfo.InvariantCulture))
            .Set("aws:RequestedRegion", "us-east-1")
            .Set("aws:SecureTransport", "true")
            .Set("aws:userid", caller.UserId)
            .Set("aws:PrincipalArn", caller.RoleArn ?? caller.Arn);
        var tags = caller.Session?.Tags ?? caller.User?.Tags ?? new List<TagState>();
        foreach (var tag in tags)
        {
            context.Set("aws:PrincipalTag/" + tag.Key, tag.Value);
        }

        if (caller.MultiFactorAuthPresent is { } mfa)
        {
            // Absent for long-term keys, as in AWS; present for role sessions and GetSessionToken sessions.
            context.Set("aws:MultiFactorAuthPresent", mfa ? "true" : "false");
        }

        if (caller.Session is { } session)
        {
            // Milliseconds, so a session issued moments before a revocation is older than it.
            context.Set("aws:TokenIssueTime", session.IssuedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            if (session.SourceIdentity is not null)
            {
                context.Set("aws:SourceIdentity", session.SourceIdentity);
            }
        }

        return context;
    }

    /// <summary>The caller's identity policies, boundary and session policy; <paramref name="extra"/> adds a resource policy.</summary>
    public PolicySet PoliciesOf(CallerPrincipal caller, PolicyDocumentSet? extra = null)
    {
        var identity = new List<CompiledPolicy>();
        string? boundary = null;
        CompiledPolicy? session = null;
        if (caller.User is { } user && State.Users.ContainsKey(user.Name))
        {
            AddAll(identity, user.AttachedPolicyArns, user.InlinePolicies, "user");
            foreach (var group in user.Groups.Where(State.Groups.ContainsKey).Select(g => State.Groups[g]))
            {
                AddAll(identity, group.AttachedPolicyArns, group.InlinePolicies, "group");
            }

            boundary = user.PermissionsBoundaryArn;
        }
        else if (caller.Session is { } s && State.Roles.TryGetValue(s.RoleName, out var role) && role.Id == s.RoleId)
        {
            AddAll(identity, role.AttachedPolicyArns, role.InlinePolicies, "role");
            boundary = role.PermissionsBoundaryArn;
            var sessionDocuments = s.SessionPolicyArns.Select(DefaultDocument).Where(d => d is not null).Select(d => d!).ToList();
            if (s.SessionPolicy is not null)
            {
                sessionDocuments.Add(s.SessionPolicy);
            }

            session = sessionDocuments.Count == 0 ? null : Compile(Combine(sessionDocuments), "session");
        }

        var boundaryDocument = boundary is null ? null : DefaultDocument(boundary);
        return new PolicySet(new PolicySetOptions
        {
            IdentityPolicies = identity.Concat(extra?.Identity.Select(d => Compile(d, "additional")) ?? Enumerable.Empty<CompiledPolicy>()).ToList(),
            PermissionsBoundary = boundaryDocument is null ? null : Compile(boundaryDocument, boundary!),
            SessionPolicy = session,
            ResourcePolicy = extra?.Resource is null ? null : Compile(extra.Resource, "trust"),
            // A member account of an organization: its SCPs, level by level from the root (none for the management account).
            ServiceControlLevels = _account.ServiceControlLevels(),
        });
    }

    public static CompiledPolicy Compile(string document, string id)
    {
        if (Compiled.TryGetValue(document, out var cached))
        {
            return cached;
        }

        if (Compiled.Count >= CacheLimit)
        {
            Compiled.Clear();
        }

        return Compiled[document] = CompiledPolicy.Compile(document, id);
    }

    private void AddAll(List<CompiledPolicy> into, List<string> attached, Dictionary<string, string> inline, string kind)
    {
        foreach (var arn in attached)
        {
            if (DefaultDocument(arn) is { } document)
            {
                into.Add(Compile(document, arn));
            }
        }

        foreach (var policy in inline)
        {
            into.Add(Compile(policy.Value, kind + " inline " + policy.Key));
        }
    }

    private string? DefaultDocument(string arn) => _account.Iam.DefaultPolicyDocument(arn);

    /// <summary>Several session policies act as one: their statements together.</summary>
    private static string Combine(List<string> documents)
    {
        if (documents.Count == 1)
        {
            return documents[0];
        }

        var statements = new List<JsonElement>();
        foreach (var document in documents)
        {
            using var parsed = JsonDocument.Parse(document);
            var statement = parsed.RootElement.GetProperty("Statement");
            statements.AddRange(statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().Select(e => e.Clone()) : new[] { statement.Clone() });
        }

        return JsonSerializer.Serialize(new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = statements });
    }
}

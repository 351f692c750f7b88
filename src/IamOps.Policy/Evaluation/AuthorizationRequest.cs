using IamOps.Policy.Evaluation;

namespace IamOps.Policy;

/// <summary>
/// One question to the evaluator: may this principal do this action on this resource, given this context?
/// aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:PrincipalIsAWSService, (for users) aws:username and (for
/// services) aws:PrincipalServiceName are derived from the principal, and aws:ResourceAccount from the resource, when the context lacks them.
/// </summary>
public sealed class AuthorizationRequest
{
    private PrincipalFacts? principal;
    private Dictionary<string, ContextEntry>? derived;

    /// <summary>Creates a request.</summary>
    public AuthorizationRequest(string principalArn, string action, string resource = "*", RequestContext? context = null)
    {
        PrincipalArn = principalArn ?? throw new ArgumentNullException(nameof(principalArn));
        Action = action ?? throw new ArgumentNullException(nameof(action));
        Resource = resource ?? throw new ArgumentNullException(nameof(resource));
        Context = context ?? new RequestContext();
    }

    /// <summary>The calling principal: a user, role-session (assumed-role), root, federated-user ARN, or a service name.</summary>
    public string PrincipalArn { get; }

    /// <summary>The action, e.g. "s3:GetObject".</summary>
    public string Action { get; }

    /// <summary>The resource ARN, or "*".</summary>
    public string Resource { get; }

    /// <summary>The condition context.</summary>
    public RequestContext Context { get; }

    /// <summary>
    /// The account that owns the resource, when the resource ARN does not say (S3 bucket ARNs carry no account); null
    /// takes the ARN's account, and for an ARN without one, the principal's account.
    /// </summary>
    public string? ResourceAccount { get; init; }

    internal PrincipalFacts Principal
        => principal ??= PrincipalFacts.From(PrincipalArn, Context.GetValues("aws:PrincipalArn") is { Count: > 0 } given ? given[0] : null);

    /// <summary>The values of a condition key: from the context, else derived from the principal, else null.</summary>
    internal ContextEntry? FindKey(string key)
    {
        var entry = Context.Find(key);
        if (entry is not null)
        {
            return entry;
        }

        if (!key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var table = derived ??= BuildDerived();
        return table.TryGetValue(key, out var found) ? found : null;
    }

    private Dictionary<string, ContextEntry> BuildDerived()
    {
        var table = new Dictionary<string, ContextEntry>(StringComparer.OrdinalIgnoreCase);
        var facts = Principal;
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                table[key] = new ContextEntry(key, new[] { value });
            }
        }

        if (facts.Kind != PrincipalKind.Other)
        {
            Add("aws:PrincipalArn", facts.PrincipalArnKey);
        }

        Add("aws:PrincipalAccount", facts.HasIdentityPolicies ? facts.Account : null);
        Add("aws:PrincipalType", facts.TypeName);
        Add("aws:username", facts.UserName);
        Add("aws:PrincipalIsAWSService", facts.Kind == PrincipalKind.Service ? "true" : "false");
        Add("aws:PrincipalServiceName", facts.Kind == PrincipalKind.Service ? facts.Arn : null);
        var resource = new ArnParts(Resource);
        Add("aws:ResourceAccount", ResourceAccount ?? (resource.IsArn && resource.Part(4).Length == 12 && resource.PartText(4).All(char.IsDigit) ? resource.PartText(4) : null));
        return table;
    }
}
